/**
 * Ranks root-cause leaves for a scope from check verdicts.
 *
 * Score of a leaf = noisy-OR of its supported weights × Π(1 − contradicted weight). Noisy-OR
 * lets independent confirmations add up without passing 1; the product lets a strong
 * contradiction (offsets moving, for "stopped") veto a leaf. Scores are rounded to 3 decimals
 * and ties broken by id, so the same evidence always gives the same ranking.
 * Leaves scoring at least WORTH_INVESTIGATING are causes; leaves below it with at least one
 * contradicting verdict are ruled out; the rest (no evidence either way) appear in neither.
 */
import type { EvidenceSignals } from "@/lib/domain/evidence/signal-types";
import type { Diagnosis, DiagnosisEntry, HumanAnswer, RankedCause, RuledOut, Scope, TimelineEvent, Verdict } from "./types";
import { runChecks } from "./checks";
import { missingBrokers } from "./checks-cluster";
import { brokerMetricsTrouble } from "./checks-broker-metrics";
import type { CheckContext } from "./check-kit";

export const WORTH_INVESTIGATING = 0.3;

export interface DiagnoseOptions {
  scope: Scope;
  answers?: HumanAnswer[];
  events?: TimelineEvent[];
}

function context(signals: EvidenceSignals, opts: DiagnoseOptions): CheckContext {
  const { scope } = opts;
  const groups =
    scope.kind === "group"
      ? signals.groups.filter((g) => g.groupId === scope.name)
      : scope.kind === "topic"
        ? signals.groups.filter((g) => g.topics.includes(scope.name))
        : signals.groups;
  const topicNames = new Set(scope.kind === "group" ? groups.flatMap((g) => g.topics) : scope.kind === "topic" ? [scope.name] : signals.topics.map((t) => t.name));
  return {
    signals,
    scope,
    groups,
    topics: signals.topics.filter((t) => topicNames.has(t.name)),
    answers: opts.answers ?? [],
    events: opts.events ?? [],
  };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export function scoreVerdicts(verdicts: Verdict[]): { causes: RankedCause[]; ruledOut: RuledOut[] } {
  const byLeaf = new Map<string, Verdict[]>();
  for (const x of verdicts) byLeaf.set(x.leafId, [...(byLeaf.get(x.leafId) ?? []), x]);
  const causes: RankedCause[] = [];
  const ruledOut: RuledOut[] = [];
  for (const [id, vs] of byLeaf) {
    const sup = vs.filter((x) => x.verdict === "supported").sort((a, b) => b.weight - a.weight || a.checkId.localeCompare(b.checkId));
    const con = vs.filter((x) => x.verdict === "contradicted").sort((a, b) => b.weight - a.weight || a.checkId.localeCompare(b.checkId));
    const support = 1 - sup.reduce((p, x) => p * (1 - x.weight), 1);
    const score = round3(support * con.reduce((p, x) => p * (1 - x.weight), 1));
    if (score >= WORTH_INVESTIGATING) {
      causes.push({ id, score, reasons: [...sup.map((x) => x.reason), ...con.map((x) => `but: ${x.reason}`)] });
    } else if (con.length > 0) {
      ruledOut.push({ id, reasons: con.map((x) => x.reason) });
    }
  }
  causes.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  ruledOut.sort((a, b) => a.id.localeCompare(b.id));
  return { causes, ruledOut };
}

/** Ranks the causes for one scope. A scope that names nothing known yields no causes. */
export function diagnose(signals: EvidenceSignals, opts: DiagnoseOptions): Diagnosis {
  const verdicts = runChecks(context(signals, opts)).sort(
    (a, b) => a.leafId.localeCompare(b.leafId) || a.checkId.localeCompare(b.checkId) || a.reason.localeCompare(b.reason),
  );
  return { scope: opts.scope, ...scoreVerdicts(verdicts), verdicts };
}

/** true when the cluster shows broker-level trouble worth a cluster-scope diagnosis. */
export function clusterNeedsDiagnosis(signals: EvidenceSignals): boolean {
  const c = signals.cluster;
  const ctx = context(signals, { scope: { kind: "cluster", name: "" } });
  return (
    missingBrokers(ctx).length > 0 ||
    c.brokersLeft.length > 0 ||
    c.offlinePartitions.length > 0 ||
    c.underReplicated.length > 0 ||
    c.underMinIsr.length > 0 ||
    c.configChanges.length > 0 ||
    c.leaderChanges.length >= 3 ||
    brokerMetricsTrouble(signals, ctx)
  );
}

/**
 * docs/contracts.md §3 `diagnosis[]`: one entry per group with lag or a non-ok status, plus a
 * cluster entry when brokers, replication, leadership or configs show trouble.
 */
export function diagnoseAll(
  signals: EvidenceSignals,
  opts: { answers?: HumanAnswer[]; events?: TimelineEvent[] } = {},
): DiagnosisEntry[] {
  const out: DiagnosisEntry[] = [];
  for (const g of signals.groups) {
    if (g.totalLag === 0 && g.status === "ok") continue;
    const { scope, causes, ruledOut } = diagnose(signals, { ...opts, scope: { kind: "group", name: g.groupId } });
    out.push({ scope, causes, ruledOut });
  }
  if (clusterNeedsDiagnosis(signals)) {
    const { scope, causes, ruledOut } = diagnose(signals, { ...opts, scope: { kind: "cluster", name: signals.clusterId ?? "cluster" } });
    out.push({ scope, causes, ruledOut });
  }
  return out;
}
