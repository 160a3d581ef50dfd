import { deriveIncident } from "@/lib/domain/incidents/derive";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { confirmedCauses } from "@/lib/domain/review/root-cause";
import type { IncidentFacts } from "./types";

/**
 * Is this incident a drill? The opened entry (or a later entry) says so with `drill: true` in its
 * payload, or the incident was opened by a drill run (a "drill-…" kind).
 */
export function isDrillLog(entries: readonly IncidentEntry[]): boolean {
  return entries.some((e) => {
    const p = e.payload as Record<string, unknown> | null;
    return (typeof p === "object" && p !== null && p.drill === true && (e.kind === "incident-opened" || e.kind === "drill-flagged")) || e.kind.startsWith("drill-");
  });
}

/** The facts the metrics need, derived from one incident's log. */
export function incidentFacts(id: string, entries: readonly IncidentEntry[], drill = isDrillLog(entries)): IncidentFacts {
  const s = deriveIncident(entries);
  return {
    id,
    title: s.title,
    severity: s.severity,
    status: s.status,
    openedAt: s.openedAt ?? entries[0]?.createdAt ?? new Date(0).toISOString(),
    drill,
    keyTimes: s.keyTimes,
    falseAlarm: s.falseAlarm !== null,
    causes: confirmedCauses(entries).map((c) => ({ leafId: c.leafId, title: c.title, branch: c.branch })),
  };
}
