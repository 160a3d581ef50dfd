"use client";
import { useEffect } from "react";
import { applyTheme, useThemeStore, type ThemePreference } from "@/lib/client/stores/theme-store";

const NEXT: Record<ThemePreference, ThemePreference> = { system: "dark", dark: "light", light: "system" };
const LABEL: Record<ThemePreference, string> = { system: "Theme: system", dark: "Theme: dark", light: "Theme: light" };

export function ThemeToggle() {
  const preference = useThemeStore((s) => s.preference);
  const setPreference = useThemeStore((s) => s.setPreference);
  useEffect(() => applyTheme(preference), [preference]);
  return (
    <button
      type="button"
      onClick={() => setPreference(NEXT[preference])}
      className="whitespace-nowrap rounded-md border border-border px-2.5 py-1 text-xs text-muted hover:text-fg"
      aria-label={`${LABEL[preference]} (click to change)`}
      data-testid="theme-toggle"
    >
      {LABEL[preference]}
    </button>
  );
}
