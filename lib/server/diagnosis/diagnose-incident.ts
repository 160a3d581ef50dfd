import "server-only";
import { answersForDiagnosis, eventsForDiagnosis } from "@/lib/domain/diagnosis-marks/answers";
import { reduceMarks } from "@/lib/domain/diagnosis-marks/marks";
import { mergeDiagnoses } from "@/lib/domain/diagnosis-marks/merge";
import { buildOutline } from "@/lib/domain/diagnosis-marks/outline";
import { answerVerdicts } from "@/lib/domain/diagnosis/checks";
import { clusterNeedsDiagnosis, diagnose, scoreVerdicts } from "@/lib/domain/diagnosis/rank";
import type { Diagnosis, Scope } from "@/lib/domain/diagnosis/types";
import { computeSignals, type EvidenceSignals } from "@/lib/domain/evidence/signals";
import type { ClusterSnapshot, OffsetTimePoint } from "@/lib/domain/evidence/types";
import type { IncidentScope } from "@/lib/domain/incidents/types";
import type { IncidentDiagnosisView } from "@/lib/schemas/diagnosis";
import { getIncident } from "@/lib/server/incidents/get-incident";
import { scopeHistory } from "./scope-history";

/** The scopes an incident is diagnosed over: its groups, its topics no scoped group reads, and the cluster when brokers show trouble. */
export function diagnosisScopes(scope: IncidentScope, signals: EvidenceSignals): Scope[] {
  const out: Scope[] = scope.groups.map((name) => ({ kind: "group", name }));
  const covered = new Set(signals.groups.filter((g) => scope.groups.includes(g.groupId)).flatMap((g) => g.topics));
  for (const name of scope.topics) if (!covered.has(name)) out.push({ kind: "topic", name });
  if (out.length === 0 || clusterNeedsDiagnosis(signals)) out.push({ kind: "cluster", name: signals.clusterId ?? "cluster" });
  return out;
}

/**
 * Incident scope → evidence history → signals → ranked causes per scope, merged into one verdict
 * per leaf. Human answers (tree-answer entries) and deploy / schema / config events from the log
 * feed it. When Kafka cannot be read it still ranks what people answered, and says why.
 */
export async function diagnoseIncident(incidentId: string, opts: { fresh?: boolean } = {}): Promise<IncidentDiagnosisView> {
  const { incident, entries } = await getIncident(incidentId);
  const answers = answersForDiagnosis(entries);
  const events = eventsForDiagnosis(entries);
  const warnings: string[] = [];
  let history: ClusterSnapshot[] = [];
  let seeds: OffsetTimePoint[] = [];
  let source: IncidentDiagnosisView["source"] = "none";
  try {
    ({ history, seeds, source } = await scopeHistory(incident.scope, opts));
  } catch (error) {
    warnings.push(`Kafka could not be read, so only people's answers are ranked: ${error instanceof Error ? error.message : String(error)}`);
  }

  let diagnoses: Diagnosis[];
  if (history.length > 0) {
    const signals = computeSignals(history, { seeds });
    warnings.push(...signals.warnings);
    diagnoses = diagnosisScopes(incident.scope, signals).map((scope) => diagnose(signals, { scope, answers, events }));
  } else {
    const verdicts = answerVerdicts(answers);
    diagnoses = [{ scope: { kind: "cluster", name: incident.cluster }, ...scoreVerdicts(verdicts), verdicts }];
  }
  const merged = mergeDiagnoses(diagnoses);
  const outline = buildOutline(merged, reduceMarks(entries));
  const first = history[0];
  const last = history[history.length - 1];
  return {
    incidentId,
    takenAt: last ? new Date(last.takenAt).toISOString() : null,
    samples: history.length,
    windowSeconds: first && last ? Math.round((last.takenAt - first.takenAt) / 1000) : 0,
    source,
    scopes: diagnoses.map(({ scope, causes, ruledOut }) => ({ scope, causes, ruledOut })),
    causes: merged.causes,
    ruledOut: merged.ruledOut,
    verdicts: merged.verdicts,
    suggested: outline.suggested,
    suggestedPath: outline.suggestedPath,
    warnings,
  };
}
