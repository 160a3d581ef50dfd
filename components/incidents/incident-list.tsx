"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { Time, TimeZoneToggle } from "@/components/timeline/time";
import { SeverityBadge } from "@/components/severity/severity-badge";
import { useIncidentList, useIncidentListLive, type IncidentFilters } from "@/lib/client/hooks/use-incidents";
import { listSectionOf, type ListSection } from "@/lib/domain/incidents/list-order";
import { INCIDENT_STATUSES, SEVERITY_LEVELS, STATUS_LABELS } from "@/lib/domain/incidents/types";
import { StatusBadge } from "./status-badge";

const SECTIONS: { id: ListSection; title: string }[] = [
  { id: "open", title: "Open, most severe first" },
  { id: "drills", title: "Drills in progress" },
  { id: "finished", title: "In review or closed" },
];

const FILTER_KEYS = ["status", "severity", "cluster", "from", "to", "q"] as const;
const field = "rounded-md border border-border bg-surface px-2 py-1.5 text-sm";

/** Filters live in the URL (shareable); the list follows the incidents stream without reload. */
export function IncidentList() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined])) as IncidentFilters;
  const [q, setQ] = useState(filters.q ?? "");
  const live = useIncidentListLive();
  const { data, isPending, isError, error, refetch } = useIncidentList(filters);

  const setFilter = (key: (typeof FILTER_KEYS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    router.replace(`${pathname}?${next.toString()}`);
  };
  useEffect(() => {
    const t = setTimeout(() => {
      if ((params.get("q") ?? "") !== q) setFilter("q", q);
    }, 300);
    return () => clearTimeout(t);
  });

  return (
    <section aria-label="Incidents">
      <div className="mb-4 flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-xs text-muted">
          Search titles and logs
          <input data-testid="incident-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="e.g. rebalance, 09:12" className={`${field} w-64`} />
        </label>
        <label className="flex flex-col text-xs text-muted">
          Status
          <select value={filters.status ?? ""} onChange={(e) => setFilter("status", e.target.value)} className={field}>
            <option value="">Any</option>
            <option value="open">Open (not in review or closed)</option>
            {INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>{STATUS_LABELS[s]}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs text-muted">
          Severity
          <select value={filters.severity ?? ""} onChange={(e) => setFilter("severity", e.target.value)} className={field}>
            <option value="">Any</option>
            {SEVERITY_LEVELS.map((s) => (
              <option key={s} value={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs text-muted">
          Cluster
          <input value={filters.cluster ?? ""} onChange={(e) => setFilter("cluster", e.target.value)} className={`${field} w-32`} />
        </label>
        <label className="flex flex-col text-xs text-muted">
          Opened from
          <input type="date" value={filters.from?.slice(0, 10) ?? ""} onChange={(e) => setFilter("from", e.target.value ? new Date(`${e.target.value}T00:00:00`).toISOString() : "")} className={field} />
        </label>
        <label className="flex flex-col text-xs text-muted">
          to
          <input type="date" value={filters.to?.slice(0, 10) ?? ""} onChange={(e) => setFilter("to", e.target.value ? new Date(`${e.target.value}T23:59:59`).toISOString() : "")} className={field} />
        </label>
        <div className="ml-auto flex items-center gap-3 text-xs text-muted">
          <span data-testid="list-live" className={live ? "text-ok" : "text-warn"}>{live ? "● live" : "○ reconnecting…"}</span>
          <TimeZoneToggle />
        </div>
      </div>
      {isPending ? (
        <p className="text-sm text-muted">Loading incidents…</p>
      ) : isError ? (
        <div role="alert" className="rounded-md border border-bad bg-surface p-4 text-sm">
          Incidents could not be loaded: {error.message}.{" "}
          <button type="button" className="underline" onClick={() => void refetch()}>Try again</button>
        </div>
      ) : data.incidents.length === 0 ? (
        <EmptyState title={Object.values(filters).some(Boolean) ? "No incident matches these filters" : "No incidents yet"} testId="incidents-empty" />
      ) : (
        <div className="grid gap-4" data-testid="incident-list">
          {SECTIONS.map(({ id, title }) => {
            const listed = data.incidents.filter((i) => listSectionOf({ status: i.status, drill: i.drill ?? false }) === id);
            if (!listed.length) return null;
            return (
              <section key={id} aria-labelledby={`incidents-${id}`} data-testid={`incident-section-${id}`}>
                <h2 id={`incidents-${id}`} className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">{title} · {listed.length}</h2>
                <ul className="divide-y divide-border overflow-hidden rounded-lg border border-border bg-surface">
                  {listed.map((i) => (
                    <li key={i.id}>
                      <Link href={`/incidents/${i.id}`} className="flex flex-wrap items-center gap-3 px-4 py-3 hover:bg-surface-2 focus-visible:bg-surface-2">
                        <SeverityBadge level={i.severity} />
                        <StatusBadge status={i.status} />
                        {i.drill ? <span className="rounded border border-sev4 px-1.5 text-xs font-semibold text-sev4" data-testid="drill-badge">Drill</span> : null}
                        <span className="font-semibold">{i.title}</span>
                        <span className="text-xs text-muted">
                          {i.cluster} · {[...i.scope.groups, ...i.scope.topics, ...i.scope.services].slice(0, 4).join(", ")}
                        </span>
                        <span className="ml-auto text-xs text-muted">
                          opened <Time iso={i.openedAt} /> · {i.lastSeq} log entries
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
    </section>
  );
}
