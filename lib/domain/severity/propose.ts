/**
 * Severity proposal (severity.md): severity follows blast radius and the recovery envelope,
 * never one metric. The four questions of seed 000 are answered from signals where Kafka can
 * show it and from human answers where it cannot:
 *  1. writes durable?        offline partitions / isr < min.insync.replicas → SEV1
 *  2. freshness vs SLO?      time lag > SLO: critical tier → SEV1, otherwise SEV2; > half → SEV3
 *  3. backlog outgrowing?    lag growing and not draining: critical/important → SEV2, else SEV3
 *  4. recovery constrained?  data already lost, or retention deletes before drain → SEV1;
 *                            idle members (no more parallelism) → reason, at least SEV3
 * The proposal is the most severe level any rule reaches. Human answers about business impact
 * raise a level by one, but a healthy, caught-up scope is never proposed above SEV3: a human
 * answer alone does not make Kafka evidence disagree with itself.
 */
import { LAG_NOISE_SECONDS } from "../diagnosis/checks";
import type { EvidenceSignals, GroupSignals } from "@/lib/domain/evidence/signal-types";
import type { Scope } from "@/lib/domain/diagnosis/types";

export type SeverityLevel = "SEV1" | "SEV2" | "SEV3" | "SEV4";
export const LEVELS: readonly SeverityLevel[] = ["SEV1", "SEV2", "SEV3", "SEV4"];

export type Tier = "critical" | "important" | "standard";

/** One entry of the ownership catalog: a stream's freshness objective and tier. */
export interface StreamOwnership {
  group?: string;
  topic?: string;
  freshnessSloSeconds?: number;
  tier?: Tier;
}

export const SEVERITY_QUESTIONS = {
  "writes-failing": "Are producers reporting errors or timeouts on writes?",
  "business-impact": "Is there business impact (revenue, compliance, critical reports)?",
  "downstream-affected": "Are users or downstream consumers affected?",
  "data-unrecoverable": "Is any data unrecoverable (not replayable from a source of truth)?",
  "time-sensitive": "Is the affected data time-sensitive (value lost if late)?",
} as const;
export type SeverityQuestionId = keyof typeof SEVERITY_QUESTIONS;

export interface SeverityAnswer {
  question: SeverityQuestionId;
  answer: "yes" | "no";
  note?: string;
}

export interface SeverityContext {
  scope?: Scope;
  streams?: StreamOwnership[];
  answers?: SeverityAnswer[];
}

export interface SeverityReason {
  text: string;
  /** what the reason rests on: "signal:<path>" or "answer:<question>". */
  evidence: string;
  level: SeverityLevel;
}

export interface SeverityProposal {
  proposed: SeverityLevel;
  reasons: SeverityReason[];
  /** what a human still has to answer, Kafka cannot show it. */
  questions: { id: string; text: string }[];
}

const rank = (l: SeverityLevel) => LEVELS.indexOf(l);
const worse = (a: SeverityLevel, b: SeverityLevel) => (rank(a) <= rank(b) ? a : b);
const raise = (l: SeverityLevel): SeverityLevel => LEVELS[Math.max(0, rank(l) - 1)] ?? l;
const secs = (s: number) => (s < 120 ? `${Math.round(s)}s` : s < 7200 ? `${Math.round(s / 60)}min` : `${Math.round(s / 360) / 10}h`);
const RETENTION_HORIZON_SECONDS = 24 * 3600;

function ownership(g: GroupSignals, streams: StreamOwnership[]): StreamOwnership | undefined {
  return streams.find((s) => s.group === g.groupId) ?? streams.find((s) => s.group === undefined && s.topic !== undefined && g.topics.includes(s.topic));
}

export function proposeSeverity(signals: EvidenceSignals, context: SeverityContext = {}): SeverityProposal {
  const scope = context.scope;
  const groups =
    scope?.kind === "group"
      ? signals.groups.filter((g) => g.groupId === scope.name)
      : scope?.kind === "topic"
        ? signals.groups.filter((g) => g.topics.includes(scope.name))
        : signals.groups;
  const topicNames = new Set(scope?.kind === "group" ? groups.flatMap((g) => g.topics) : scope?.kind === "topic" ? [scope.name] : signals.topics.map((t) => t.name));
  const inScope = (r: { topic: string }) => topicNames.has(r.topic);
  const reasons: SeverityReason[] = [];
  const questions: { id: string; text: string }[] = [];
  const add = (level: SeverityLevel, text: string, evidence: string) => reasons.push({ level, text, evidence });
  const c = signals.cluster;

  // 1. Is data still accepted durably?
  const offline = c.offlinePartitions.filter(inScope);
  const underMin = c.underMinIsr.filter(inScope);
  const under = c.underReplicated.filter(inScope);
  if (offline.length > 0) add("SEV1", `writes failing: ${offline.length} partition(s) offline (no leader)`, "signal:cluster.offlinePartitions");
  if (underMin.length > 0) add("SEV1", `writes with acks=all failing: ${underMin.length} partition(s) below min.insync.replicas`, "signal:cluster.underMinIsr");
  if (under.length > 0 && underMin.length === 0 && offline.length === 0) {
    add("SEV3", `durability reduced: ${under.length} partition(s) under-replicated, writes still accepted`, "signal:cluster.underReplicated");
  }

  // No sample at all (Kafka could not be read): nothing shows the scope healthy, so human answers
  // are not capped and no "no SLO at risk" is claimed.
  const noEvidence = signals.samples === 0;
  if (noEvidence) add("SEV3", "no Kafka evidence: the level rests on what people answer", "signal:no-evidence");
  let anyProblem = noEvidence || offline.length + underMin.length + under.length > 0;
  for (const g of groups) {
    const own = ownership(g, context.streams ?? []);
    const tier = own?.tier;
    const slo = own?.freshnessSloSeconds;
    const tl = g.maxTimeLagSeconds;
    // Records in flight between two samples are not a backlog (same floor as the diagnosis).
    const backlog = g.totalLag > 0 && g.totalLag > (g.inputRatePerSec ?? 0) * LAG_NOISE_SECONDS;
    const growing = backlog && (g.lagGrowthPerSec ?? 0) > 0 && g.drain !== "draining";
    const stuck = g.totalLag > 0 && (g.status === "stopped" || g.status === "stalled" || g.status === "error");
    if (backlog && (growing || stuck || g.status !== "ok")) anyProblem = true;
    // 2. Freshness against the business objective.
    if (slo !== undefined && tl !== null) {
      if (tl > slo) {
        anyProblem = true;
        add(tier === "critical" ? "SEV1" : "SEV2", `${g.groupId}: freshness breached, time lag ${secs(tl)} > SLO ${secs(slo)}${tier ? ` (${tier})` : ""}`, `signal:groups.${g.groupId}.maxTimeLagSeconds`);
      } else if (tl > slo / 2) {
        anyProblem = true;
        add("SEV3", `${g.groupId}: freshness at risk, time lag ${secs(tl)} is over half the SLO ${secs(slo)}`, `signal:groups.${g.groupId}.maxTimeLagSeconds`);
      } else {
        add("SEV4", `${g.groupId}: time lag ${secs(tl)} within SLO ${secs(slo)}`, `signal:groups.${g.groupId}.maxTimeLagSeconds`);
      }
    } else if (g.totalLag > 0) {
      questions.push({ id: `freshness-slo:${g.groupId}`, text: `What freshness SLO does ${g.groupId} have (not in the ownership catalog)?` });
    }
    // 3. Backlog growing faster than drain?
    if (growing || stuck) {
      const why = stuck ? `consumption ${g.status}` : `lag growing ${Math.round(g.lagGrowthPerSec ?? 0)} rec/s, not draining`;
      const level: SeverityLevel = tier === "critical" || tier === "important" ? "SEV2" : "SEV3";
      add(level, `${g.groupId}: backlog of ${g.totalLag} records, ${why}${tier ? ` (${tier} workload)` : ""}`, `signal:groups.${g.groupId}.lagGrowthPerSec`);
      if (!tier) questions.push({ id: `tier:${g.groupId}`, text: `Is ${g.groupId} an important workload? (not in the ownership catalog)` });
    } else if (g.drain === "draining" && g.timeToDrainSeconds !== null) {
      add("SEV4", `${g.groupId}: backlog draining, ${secs(g.timeToDrainSeconds)} to drain at current rates`, `signal:groups.${g.groupId}.timeToDrainSeconds`);
    }
    // 4. Recovery constrained?
    const lost = g.partitions.reduce((s, p) => s + (p.retention.kind === "lost" ? p.retention.recordsLost : 0), 0);
    if (lost > 0) {
      anyProblem = true;
      add("SEV1", `${g.groupId}: ${lost} records deleted by retention before being consumed`, `signal:groups.${g.groupId}.partitions.retention`);
    } else {
      const soon = g.partitions
        .map((p) => (p.retention.kind === "expires-before-drain" ? p.retention.secondsUntilExpiry : Infinity))
        .reduce((a, b) => Math.min(a, b), Infinity);
      if (soon <= RETENTION_HORIZON_SECONDS) {
        anyProblem = true;
        add("SEV1", `${g.groupId}: no safe recovery path, retention deletes unconsumed data in ${secs(soon)}, before the backlog drains`, `signal:groups.${g.groupId}.partitions.retention`);
      }
    }
    if (g.idleMembers > 0 && growing) {
      add("SEV3", `${g.groupId}: recovery capped by partitions, ${g.memberCount} members for ${g.partitionCount} partitions`, `signal:groups.${g.groupId}.idleMembers`);
    }
  }

  // Human answers for what Kafka cannot show.
  const answers = context.answers ?? [];
  let proposed: SeverityLevel = reasons.reduce<SeverityLevel>((l, r) => worse(l, r.level), "SEV4");
  for (const a of answers) {
    if (a.answer !== "yes") {
      add("SEV4", `answered no: ${SEVERITY_QUESTIONS[a.question]}${a.note ? ` (${a.note})` : ""}`, `answer:${a.question}`);
      continue;
    }
    const target: SeverityLevel = a.question === "writes-failing" || a.question === "data-unrecoverable" ? "SEV1" : raise(proposed);
    if (!anyProblem) {
      add("SEV3", `answered yes: ${SEVERITY_QUESTIONS[a.question]}; Kafka shows this scope caught up, so not raised above SEV3`, `answer:${a.question}`);
      proposed = worse(proposed, "SEV3");
    } else {
      add(target, `answered yes: ${SEVERITY_QUESTIONS[a.question]}${a.note ? ` (${a.note})` : ""}`, `answer:${a.question}`);
      proposed = worse(proposed, target);
    }
  }
  if (!anyProblem && proposed === "SEV4") {
    add("SEV4", "no SLO at risk: consumers caught up or keeping pace, writes accepted durably", "signal:summary");
  }
  const answered = new Set(answers.map((a) => a.question));
  for (const [id, text] of Object.entries(SEVERITY_QUESTIONS)) if (!answered.has(id as SeverityQuestionId)) questions.push({ id, text });
  reasons.sort((a, b) => rank(a.level) - rank(b.level));
  return { proposed, reasons, questions };
}

/** "Evidence now points to a different level": compares a fresh proposal to the accepted level. */
export function compareToAccepted(
  proposal: Pick<SeverityProposal, "proposed">,
  accepted: SeverityLevel | null,
): { differs: boolean; direction: "higher" | "lower" | "same"; message: string | null } {
  if (accepted === null || accepted === proposal.proposed) return { differs: false, direction: "same", message: null };
  const direction = rank(proposal.proposed) < rank(accepted) ? "higher" : "lower";
  return {
    differs: true,
    direction,
    message: `Evidence now points to ${proposal.proposed} (${direction === "higher" ? "more" : "less"} severe than the accepted ${accepted}).`,
  };
}
