/**
 * The incident list's order, for a commander scanning it at 02:00: open real incidents first,
 * the most severe on top (unclassified after SEV4: nobody has judged them yet, the proposal is on
 * their page), newest first within a level; then open drills, apart; then what is in review or
 * closed, newest first, drills after real ones.
 */
import { SEVERITY_LEVELS, type IncidentStatus, type SeverityLevel } from "./types";

export interface ListedIncident {
  status: IncidentStatus;
  severity: SeverityLevel | null;
  openedAt: string;
  drill: boolean;
}

const FINISHED: readonly IncidentStatus[] = ["review", "closed"];

export type ListSection = "open" | "drills" | "finished";

export function listSectionOf(i: Pick<ListedIncident, "status" | "drill">): ListSection {
  if (FINISHED.includes(i.status)) return "finished";
  return i.drill ? "drills" : "open";
}

const SECTION_RANK: Record<ListSection, number> = { open: 0, drills: 1, finished: 2 };
const severityRank = (s: SeverityLevel | null) => (s === null ? SEVERITY_LEVELS.length : SEVERITY_LEVELS.indexOf(s));

export function orderIncidentList<T extends ListedIncident>(incidents: readonly T[]): T[] {
  return [...incidents].sort((a, b) => {
    const sa = listSectionOf(a);
    const sb = listSectionOf(b);
    return (
      SECTION_RANK[sa] - SECTION_RANK[sb] ||
      (sa === "finished" ? Number(a.drill) - Number(b.drill) : severityRank(a.severity) - severityRank(b.severity)) ||
      b.openedAt.localeCompare(a.openedAt)
    );
  });
}
