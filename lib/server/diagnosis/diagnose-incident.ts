import "server-only";
import { diagnoseIncidentEvidence } from "@/lib/domain/diagnosis-marks/incident-diagnosis";
import { reduceMarks } from "@/lib/domain/diagnosis-marks/marks";
import { buildOutline } from "@/lib/domain/diagnosis-marks/outline";
import type { IncidentDiagnosisView } from "@/lib/schemas/diagnosis";
import { readIncidentEvidence } from "@/lib/server/evidence/scope-evidence";
import { summarizeEvidence } from "@/lib/server/evidence/summarize-evidence";
import { getIncident } from "@/lib/server/incidents/get-incident";

/**
 * Incident scope → the scope-evidence service (the sampler's history, from before the lag
 * started) → ranked causes per scope, merged into one verdict per leaf
 * (lib/domain/diagnosis-marks/incident-diagnosis.ts), with the commander's marks for the
 * suggested path. When Kafka cannot be read it still ranks what people answered, and says why.
 */
export async function diagnoseIncident(incidentId: string, opts: { fresh?: boolean } = {}): Promise<IncidentDiagnosisView> {
  const { incident, entries, state } = await getIncident(incidentId);
  const evidence = await readIncidentEvidence(incident, state.keyTimes, opts);
  const signals = evidence.signals;
  const warnings = [...evidence.warnings];
  if (!signals || signals.samples === 0) warnings.push("no Kafka evidence, so only people's answers are ranked");
  const merged = diagnoseIncidentEvidence(signals, incident.scope, incident.cluster, entries);
  const outline = buildOutline(merged, reduceMarks(entries));
  return {
    incidentId,
    takenAt: evidence.takenAt === null ? null : new Date(evidence.takenAt).toISOString(),
    samples: signals?.samples ?? 0,
    windowSeconds: Math.round(signals?.windowSeconds ?? 0),
    source: evidence.source,
    evidence: summarizeEvidence(evidence),
    scopes: merged.scopes.map(({ scope, causes, ruledOut }) => ({ scope, causes, ruledOut })),
    causes: merged.causes,
    ruledOut: merged.ruledOut,
    verdicts: merged.verdicts,
    suggested: outline.suggested,
    suggestedPath: outline.suggestedPath,
    warnings,
  };
}
