import "server-only";
import { diagnose } from "@/lib/domain/diagnosis/rank";
import type { Scope } from "@/lib/domain/diagnosis/types";
import type { EvidenceSignals } from "@/lib/domain/evidence/signal-types";
import type { IncidentEntry, IncidentScope } from "@/lib/domain/incidents/types";
import { buildChecklist } from "@/lib/domain/mitigation/checklist";
import { deriveItemStatuses, emptyStatus, type ItemStatus } from "@/lib/domain/mitigation/item-state";
import type { CauseInput, ChecklistItem } from "@/lib/domain/mitigation/types";
import { readScopeSignals } from "@/lib/server/actions/kafka-reads";
import { getIncident } from "@/lib/server/incidents/get-incident";

export interface ChecklistView {
  incidentId: string;
  items: (ChecklistItem & { status: ItemStatus })[];
  causes: CauseInput[];
  /** ISO time of the evidence the preconditions were evaluated on; null without Kafka */
  evidenceTakenAt: string | null;
  warnings: string[];
}

/** The root-cause tree's marks in the log ("tree-mark": confirmed / ruled-out by a person). */
function treeMarks(entries: readonly IncidentEntry[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (e.kind !== "tree-mark") continue;
    const p = e.payload as { leafId?: unknown; mark?: unknown };
    if (typeof p?.leafId === "string" && typeof p.mark === "string") out.set(p.leafId, p.mark);
  }
  return out;
}

/** Likely causes ranked on live evidence per scope, merged (best score), plus the causes people confirmed. */
export function causesFor(scope: IncidentScope, signals: EvidenceSignals | null, entries: readonly IncidentEntry[]): CauseInput[] {
  const marks = treeMarks(entries);
  const best = new Map<string, number>();
  if (signals) {
    const scopes: Scope[] = [...scope.groups.map((name) => ({ kind: "group" as const, name })), ...scope.topics.map((name) => ({ kind: "topic" as const, name }))];
    for (const s of scopes) for (const c of diagnose(signals, { scope: s }).causes) best.set(c.id, Math.max(best.get(c.id) ?? 0, c.score));
  }
  for (const [leafId, mark] of marks) if (mark === "confirmed") best.set(leafId, Math.max(best.get(leafId) ?? 0, 1));
  return [...best.entries()]
    .filter(([leafId]) => marks.get(leafId) !== "ruled-out")
    .map(([leafId, score]) => ({ leafId, score, confirmed: marks.get(leafId) === "confirmed" }));
}

/** The incident's mitigation checklist with preconditions evaluated on live Kafka and states from the log. */
export async function getChecklist(incidentId: string, opts: { sampleSeconds?: number } = {}): Promise<ChecklistView> {
  const { incident, entries } = await getIncident(incidentId);
  const { signals, warnings } = await readScopeSignals(incident.scope, opts.sampleSeconds ?? 2);
  const causes = causesFor(incident.scope, signals, entries);
  const statuses = deriveItemStatuses(entries);
  const items = buildChecklist({ causes, signals, scope: incident.scope }).map((item) => ({ ...item, status: statuses[item.id] ?? emptyStatus(item.id) }));
  return { incidentId, items, causes, evidenceTakenAt: signals ? new Date(signals.takenAt).toISOString() : null, warnings };
}
