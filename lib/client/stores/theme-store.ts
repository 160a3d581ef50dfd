"use client";
import { create } from "zustand";
import { persist } from "zustand/middleware";

export type ThemePreference = "dark" | "light" | "system";

interface ThemeState {
  preference: ThemePreference;
  setPreference: (preference: ThemePreference) => void;
}

/** UI preference only; the inline script in the root layout applies it before first paint. */
export const useThemeStore = create<ThemeState>()(
  persist((set) => ({ preference: "system", setPreference: (preference) => set({ preference }) }), { name: "ripcord-theme" }),
);

export function applyTheme(preference: ThemePreference): void {
  const dark = preference === "dark" || (preference === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
}
