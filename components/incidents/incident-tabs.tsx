"use client";
import { useRef, type KeyboardEvent, type ReactNode } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

/**
 * The incident page's panels. Other features fill their own tab by replacing its placeholder
 * in incident-view.tsx (root cause tree, mitigation checklist, review). The selected tab is
 * in the URL (?tab=) so it can be shared. Arrow keys move between tabs (WAI-ARIA tabs).
 */
export const INCIDENT_TABS = [
  { id: "timeline", label: "Timeline" },
  { id: "severity", label: "Severity" },
  { id: "root-cause", label: "Root cause" },
  { id: "mitigation", label: "Mitigation" },
  { id: "review", label: "Review" },
] as const;
export type IncidentTabId = (typeof INCIDENT_TABS)[number]["id"];

export function IncidentTabs({ panels }: { panels: Record<IncidentTabId, ReactNode> }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const active = (INCIDENT_TABS.find((t) => t.id === params.get("tab"))?.id ?? "timeline") as IncidentTabId;
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const select = (id: IncidentTabId) => {
    const next = new URLSearchParams(params);
    next.set("tab", id);
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
    refs.current[id]?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const i = INCIDENT_TABS.findIndex((t) => t.id === active);
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = INCIDENT_TABS[(i + step + INCIDENT_TABS.length) % INCIDENT_TABS.length];
    if (next) select(next.id);
  };
  return (
    <div>
      <div role="tablist" aria-label="Incident panels" className="mb-4 flex gap-1 overflow-x-auto overflow-y-hidden border-b border-border" onKeyDown={onKey}>
        {INCIDENT_TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el;
            }}
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={active === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={active === t.id ? 0 : -1}
            data-testid={`tab-${t.id}`}
            onClick={() => select(t.id)}
            className={`-mb-px shrink-0 whitespace-nowrap border-b-2 px-3 py-2 text-sm font-semibold ${active === t.id ? "border-accent text-fg" : "border-transparent text-muted hover:text-fg"}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${active}`} aria-labelledby={`tab-${active}`}>
        {panels[active]}
      </div>
    </div>
  );
}

export function PanelPlaceholder({ title }: { title: string }) {
  return <p className="rounded-lg border border-dashed border-border bg-surface px-4 py-8 text-center text-sm text-muted">{title} arrives with its own feature.</p>;
}
