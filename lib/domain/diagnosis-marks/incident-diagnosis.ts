/**
 * The diagnosis of one incident from its scope's evidence and its log: the scopes it covers
 * (its groups, its topics no scoped group reads, the cluster when brokers show trouble), each
 * ranked (rank.ts), merged into one verdict per leaf, with people's tree answers and the log's
 * deploy / schema / config events. The tree, the checklist and the review all take their causes
 * from here, so they cannot disagree. Pure.
 */
import { answerVerdicts } from "@/lib/domain/diagnosis/checks";
import { clusterNeedsDiagnosis, diagnose, scoreVerdicts } from "@/lib/domain/diagnosis/rank";
import type { Diagnosis, Scope } from "@/lib/domain/diagnosis/types";
import type { EvidenceSignals } from "@/lib/domain/evidence/signal-types";
import type { IncidentEntry, IncidentScope } from "@/lib/domain/incidents/types";
import { answersForDiagnosis, eventsForDiagnosis } from "./answers";
import { mergeDiagnoses } from "./merge";
import type { MergedDiagnosis } from "./types";

/** The scopes an incident is diagnosed over. */
export function diagnosisScopes(scope: IncidentScope, signals: EvidenceSignals): Scope[] {
  const out: Scope[] = scope.groups.map((name) => ({ kind: "group", name }));
  const covered = new Set(signals.groups.filter((g) => scope.groups.includes(g.groupId)).flatMap((g) => g.topics));
  for (const name of scope.topics) if (!covered.has(name)) out.push({ kind: "topic", name });
  if (out.length === 0 || clusterNeedsDiagnosis(signals)) out.push({ kind: "cluster", name: signals.clusterId ?? "cluster" });
  return out;
}

/** `signals` null (or without samples): only people's answers are ranked. */
export function diagnoseIncidentEvidence(signals: EvidenceSignals | null, scope: IncidentScope, cluster: string, entries: readonly IncidentEntry[]): MergedDiagnosis {
  const answers = answersForDiagnosis(entries);
  const events = eventsForDiagnosis(entries);
  let diagnoses: Diagnosis[];
  if (signals && signals.samples > 0) {
    diagnoses = diagnosisScopes(scope, signals).map((s) => diagnose(signals, { scope: s, answers, events }));
  } else {
    const verdicts = answerVerdicts(answers);
    diagnoses = [{ scope: { kind: "cluster", name: cluster }, ...scoreVerdicts(verdicts), verdicts }];
  }
  return mergeDiagnoses(diagnoses);
}
