import "server-only";
import { diagnoseIncidentEvidence } from "@/lib/domain/diagnosis-marks/incident-diagnosis";
import type { EvidenceSignals } from "@/lib/domain/evidence/signal-types";
import type { IncidentEntry, IncidentScope } from "@/lib/domain/incidents/types";
import { buildChecklist } from "@/lib/domain/mitigation/checklist";
import { deriveItemStatuses, emptyStatus, type ItemStatus } from "@/lib/domain/mitigation/item-state";
import type { CauseInput, ChecklistItem } from "@/lib/domain/mitigation/types";
import type { EvidenceSummaryView } from "@/lib/schemas/evidence";
import { readIncidentEvidence } from "@/lib/server/evidence/scope-evidence";
import { summarizeEvidence } from "@/lib/server/evidence/summarize-evidence";
import { getIncident } from "@/lib/server/incidents/get-incident";

export interface ChecklistView {
  incidentId: string;
  items: (ChecklistItem & { status: ItemStatus })[];
  causes: CauseInput[];
  /** ISO time of the evidence the preconditions were evaluated on; null without Kafka */
  evidenceTakenAt: string | null;
  evidence: EvidenceSummaryView;
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

/**
 * The incident's causes as the checklist takes them: the diagnosis' causes (the same ranking the
 * tree shows, lib/domain/diagnosis-marks/incident-diagnosis.ts), plus the causes people
 * confirmed, minus the ones they ruled out.
 */
export function causesFor(scope: IncidentScope, cluster: string, signals: EvidenceSignals | null, entries: readonly IncidentEntry[]): CauseInput[] {
  const marks = treeMarks(entries);
  const best = new Map<string, number>();
  for (const c of diagnoseIncidentEvidence(signals, scope, cluster, entries).causes) best.set(c.id, Math.max(best.get(c.id) ?? 0, c.score));
  for (const [leafId, mark] of marks) if (mark === "confirmed") best.set(leafId, Math.max(best.get(leafId) ?? 0, 1));
  return [...best.entries()]
    .filter(([leafId]) => marks.get(leafId) !== "ruled-out")
    .map(([leafId, score]) => ({ leafId, score, confirmed: marks.get(leafId) === "confirmed" }));
}

/** The incident's mitigation checklist with preconditions evaluated on the scope's evidence and states from the log. */
export async function getChecklist(incidentId: string, opts: { fresh?: boolean } = {}): Promise<ChecklistView> {
  const { incident, entries, state } = await getIncident(incidentId);
  const evidence = await readIncidentEvidence(incident, state.keyTimes, { fresh: opts.fresh });
  const signals = evidence.signals && evidence.signals.samples > 0 ? evidence.signals : null;
  const causes = causesFor(incident.scope, incident.cluster, signals, entries);
  const statuses = deriveItemStatuses(entries);
  const items = buildChecklist({ causes, signals, scope: incident.scope }).map((item) => ({ ...item, status: statuses[item.id] ?? emptyStatus(item.id) }));
  return { incidentId, items, causes, evidenceTakenAt: evidence.takenAt === null ? null : new Date(evidence.takenAt).toISOString(), evidence: summarizeEvidence(evidence), warnings: evidence.warnings };
}
