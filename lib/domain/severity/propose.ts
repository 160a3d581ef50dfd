/**
 * The one severity model (docs/severity.md). Severity follows blast radius and the recovery
 * envelope, never one metric. The questions of ./questions.ts are answered from the evidence
 * signals where Kafka can show it, from the ownership catalog (freshness SLO, tier) and from
 * the commander where it cannot; the level, its reasons and the answers table all come out of
 * the same evaluation here, so the table can never contradict the level.
 *
 * Level rules (the proposal is the most severe level any rule reaches):
 *  - writes at risk:     offline partitions or ISR below min.insync.replicas → SEV1;
 *                        under-replicated but writes accepted → SEV3
 *  - freshness vs SLO:   time lag > SLO: critical tier → SEV1, otherwise SEV2; > half → SEV3
 *  - backlog growing:    lag growing and not draining, or consumption stopped / stalled:
 *                        critical or important workload → SEV2, otherwise SEV3
 *  - recovery:           records already deleted unread, or retention deletes unread records
 *                        within RECOVERY_HORIZON_SECONDS before the backlog drains → SEV1;
 *                        idle members while lag grows (parallelism capped) → SEV3
 *  - people:             "writes failing" or "data unrecoverable" → SEV1; any other "yes" raises
 *                        the level by one (once); a scope Kafka shows healthy is never raised
 *                        above SEV3 by answers alone.
 */
import { LAG_NOISE_SECONDS } from "../evidence/noise";
import type { Scope } from "../diagnosis/types";
import type { EvidenceSignals, GroupSignals } from "../evidence/signal-types";
import { SEVERITY_LEVELS, type SeverityLevel } from "../incidents/types";
import { formatDuration } from "../metrics/durations";
import { SEVERITY_QUESTIONS, QUESTION_IDS, type Answer, type QuestionId } from "./questions";

export type { SeverityLevel };
export { SEVERITY_QUESTIONS, QUESTION_IDS, type Answer, type QuestionId };
export const LEVELS = SEVERITY_LEVELS;

/**
 * How far ahead a retention deadline counts as "no safe recovery path" (SEV1). One horizon for
 * the level, the answers table, the diagnosis' retention check and the UI's banners.
 */
export const RECOVERY_HORIZON_SECONDS = 24 * 3600;

export type Tier = "critical" | "important" | "standard";

/** One entry of the ownership catalog: a stream's freshness objective and tier. */
export interface StreamOwnership {
  group?: string;
  topic?: string;
  freshnessSloSeconds?: number;
  tier?: Tier;
}

/** What the commander told the classifier: a freshness SLO and answers to any question. */
export interface CommanderAnswers {
  freshnessSloSeconds?: number | null;
  answers?: Partial<Record<QuestionId, Answer>>;
}

/** An incident's topics and groups, or one diagnosis scope (a group, a topic, the cluster). */
export type SeverityScope = { topics?: readonly string[]; groups?: readonly string[] } | Scope;

export interface SeverityContext {
  /** what to judge (empty or absent: everything in the signals). */
  scope?: SeverityScope;
  /** the ownership catalog's streams in scope. */
  streams?: readonly StreamOwnership[];
  commander?: CommanderAnswers;
  /** what the evidence cannot tell yet (the scope-evidence service's knowledge), quoted as-is. */
  unknowns?: readonly string[];
}

export type ReasonSource = "kafka" | "commander" | "catalog";

export interface SeverityReason {
  /** the question this reason answers. */
  question: QuestionId;
  text: string;
  /** what the reason rests on: "signal:<path>" or "answer:<question>". */
  evidence: string;
  source: ReasonSource;
  /** the level this reason alone points to. */
  level: SeverityLevel;
}

export interface QuestionAnswer {
  answer: Answer;
  source: ReasonSource | "none";
  /** the evidence behind the answer, in words a commander can check */
  evidence: string[];
}

export type Answers = Record<QuestionId, QuestionAnswer>;

export interface SeverityProposal {
  level: SeverityLevel;
  /** most severe first */
  reasons: SeverityReason[];
  answers: Answers;
  /** what a person still has to answer: Kafka cannot show it */
  questions: { id: string; text: string }[];
  /** what the evidence does not know yet (short history, group not sampled, no baseline…) */
  unknowns: string[];
  /** takenAt of the newest sample behind it (epoch ms); null without evidence */
  evidenceTakenAt: number | null;
}

const rank = (l: SeverityLevel) => SEVERITY_LEVELS.indexOf(l);
const worse = (a: SeverityLevel, b: SeverityLevel) => (rank(a) <= rank(b) ? a : b);
const raise = (l: SeverityLevel): SeverityLevel => SEVERITY_LEVELS[Math.max(0, rank(l) - 1)] ?? l;
const count = (n: number) => Math.round(n).toLocaleString("en-US");

/** Records in flight between two commits (a healthy group sampled mid-batch) are not a backlog. */
export function hasBacklog(g: GroupSignals): boolean {
  return g.totalLag > 0 && g.totalLag > (g.inputRatePerSec ?? 0) * LAG_NOISE_SECONDS;
}

/**
 * A backlog some partition of which does not move (stopped, stalled, or records deleted before
 * being read). The group's total can still fall while other partitions drain, so a falling total
 * is not recovery while this holds: severity, verification and the pages read it the same way.
 */
export function isStuck(g: GroupSignals): boolean {
  return hasBacklog(g) && (g.status === "stopped" || g.status === "stalled" || g.status === "error");
}

function ownershipOf(g: GroupSignals, streams: readonly StreamOwnership[]): StreamOwnership | undefined {
  return streams.find((s) => s.group === g.groupId) ?? streams.find((s) => s.group === undefined && s.topic !== undefined && g.topics.includes(s.topic));
}

/** The groups and topics of the scope, as the signals know them. */
export function inScope(signals: EvidenceSignals, scope: SeverityScope | undefined): { groups: GroupSignals[]; topics: Set<string> } {
  const named = scope && "kind" in scope ? (scope.kind === "group" ? { groups: [scope.name] } : scope.kind === "topic" ? { topics: [scope.name] } : {}) : scope;
  const wantGroups = named?.groups ?? [];
  const wantTopics = named?.topics ?? [];
  if (wantGroups.length === 0 && wantTopics.length === 0) return { groups: signals.groups, topics: new Set(signals.topics.map((t) => t.name)) };
  const groups = wantGroups.length
    ? signals.groups.filter((g) => wantGroups.includes(g.groupId))
    : signals.groups.filter((g) => g.topics.some((t) => wantTopics.includes(t)));
  return { groups, topics: new Set([...wantTopics, ...groups.flatMap((g) => g.topics)]) };
}

/** The soonest retention deadline of the group's unread records, with the partition. */
function soonestExpiry(g: GroupSignals): { seconds: number; where: string; drain: number | null } | null {
  let best: { seconds: number; where: string; drain: number | null } | null = null;
  for (const p of g.partitions) {
    if (p.retention.kind !== "expires-before-drain") continue;
    const where = `${p.topic}[${p.partition}]${p.retention.by === "size" ? " (retention.bytes)" : ""}`;
    if (!best || p.retention.secondsUntilExpiry < best.seconds) best = { seconds: p.retention.secondsUntilExpiry, where, drain: p.retention.secondsToDrain };
  }
  return best;
}

function describeBacklog(g: GroupSignals): string {
  const trend = g.lagGrowthPerSec === null ? "trend unknown" : g.lagGrowthPerSec > 0 ? `growing ${count(g.lagGrowthPerSec)} rec/s` : g.lagGrowthPerSec < 0 ? `falling ${count(-g.lagGrowthPerSec)} rec/s` : "flat";
  const drain = g.drain === "draining" && g.timeToDrainSeconds !== null ? `, drains in ${formatDuration(g.timeToDrainSeconds)}` : g.drain === "not-draining" ? ", not draining" : "";
  const members = g.memberCount === 0 ? `, no active consumers (state ${g.state})` : `, ${g.memberCount} consumer(s)`;
  return `${g.groupId}: lag ${count(g.totalLag)} records, ${trend}${drain}${members}`;
}

const EMPTY_ANSWER = (why: string): QuestionAnswer => ({ answer: "unknown", source: "none", evidence: [why] });

/**
 * Proposes a level with its reasons and the answers table. `signals` null (or without any
 * sample) means Kafka could not be read: the level then rests on what people answered.
 */
export function proposeSeverity(signals: EvidenceSignals | null, context: SeverityContext = {}): SeverityProposal {
  const reasons: SeverityReason[] = [];
  const questions: { id: string; text: string }[] = [];
  const add = (question: QuestionId, level: SeverityLevel, text: string, evidence: string, source: ReasonSource = "kafka") => reasons.push({ question, level, text, evidence, source });
  const answers = Object.fromEntries(QUESTION_IDS.map((id) => [id, EMPTY_ANSWER(id === "businessImpact" || id === "downstreamAffected" || id === "timeSensitive" ? "only people can say" : "Kafka evidence not collected")])) as Answers;
  const commander = context.commander ?? {};
  const commanderSlo = commander.freshnessSloSeconds ?? null;
  const streams = context.streams ?? [];
  const noEvidence = !signals || signals.samples === 0;
  let anyProblem = noEvidence;

  if (noEvidence) {
    add("writesAtRisk", "SEV3", "no Kafka evidence: the level rests on what people answer", "signal:no-evidence");
  } else {
    const { groups, topics } = inScope(signals, context.scope);
    const ref = (r: { topic: string }) => topics.has(r.topic);
    const name = (r: { topic: string; partition: number }) => `${r.topic}[${r.partition}]`;
    const c = signals.cluster;

    // Writes at risk?
    const offline = c.offlinePartitions.filter(ref);
    const underMin = c.underMinIsr.filter(ref);
    const under = c.underReplicated.filter(ref);
    if (offline.length) add("writesAtRisk", "SEV1", `writes failing: ${offline.length} partition(s) offline (no leader): ${offline.slice(0, 5).map(name).join(", ")}`, "signal:cluster.offlinePartitions");
    if (underMin.length) add("writesAtRisk", "SEV1", `writes with acks=all failing: ${underMin.length} partition(s) below min.insync.replicas: ${underMin.slice(0, 5).map(name).join(", ")}`, "signal:cluster.underMinIsr");
    if (under.length && !underMin.length && !offline.length) add("writesAtRisk", "SEV3", `durability reduced: ${under.length} partition(s) under-replicated, writes still accepted`, "signal:cluster.underReplicated");
    anyProblem ||= offline.length + underMin.length + under.length > 0;
    answers.writesAtRisk = offline.length || underMin.length
      ? { answer: "yes", source: "kafka", evidence: reasons.filter((r) => r.question === "writesAtRisk").map((r) => r.text) }
      : { answer: "no", source: "kafka", evidence: [`every partition in scope has a leader and enough in-sync replicas${under.length ? ` (${under.length} under-replicated)` : ""}; producer errors are not visible to Kafka's admin API`] };

    const fresh: string[] = [];
    let freshAnswer: Answer = groups.length === 0 ? "unknown" : "no";
    const backlogEv: string[] = [];
    let backlogAnswer: Answer = groups.length === 0 ? "unknown" : "no";
    const recoveryEv: string[] = [];
    let recoveryAnswer: Answer = groups.length === 0 ? "unknown" : "no";
    if (groups.length === 0) {
      answers.freshnessBreached = EMPTY_ANSWER("no consumer group in scope");
    }
    for (const g of groups) {
      const own = ownershipOf(g, streams);
      const tier = own?.tier;
      const slo = commanderSlo ?? own?.freshnessSloSeconds ?? null;
      const sloFrom = commanderSlo !== null ? "the commander" : "the ownership catalog";
      const tl = g.maxTimeLagSeconds;
      const backlog = hasBacklog(g);
      const growing = backlog && (g.lagGrowthPerSec ?? 0) > 0 && g.drain !== "draining";
      const stuck = isStuck(g);
      if (backlog && (growing || stuck || g.status !== "ok")) anyProblem = true;

      // Freshness against the business objective.
      if (slo !== null && tl !== null) {
        const quoted = `time lag ${formatDuration(tl)} vs freshness SLO ${formatDuration(slo)} (from ${sloFrom})`;
        if (tl > slo) {
          anyProblem = true;
          freshAnswer = "yes";
          add("freshnessBreached", tier === "critical" ? "SEV1" : "SEV2", `${g.groupId}: freshness breached, ${quoted}${tier ? `, ${tier} workload` : ""}`, `signal:groups.${g.groupId}.maxTimeLagSeconds`, commanderSlo !== null ? "commander" : "kafka");
        } else if (tl > slo / 2) {
          anyProblem = true;
          add("freshnessBreached", "SEV3", `${g.groupId}: freshness at risk, ${quoted} (over half)`, `signal:groups.${g.groupId}.maxTimeLagSeconds`);
        } else {
          add("freshnessBreached", "SEV4", `${g.groupId}: ${quoted}, within`, `signal:groups.${g.groupId}.maxTimeLagSeconds`);
        }
        fresh.push(`${g.groupId}: ${quoted}`);
      } else if (tl !== null) {
        if (freshAnswer !== "yes") freshAnswer = g.totalLag === 0 ? freshAnswer : "unknown";
        fresh.push(`${g.groupId}: time lag ${formatDuration(tl)}; the freshness SLO is not known`);
        if (g.totalLag > 0) questions.push({ id: `freshness-slo:${g.groupId}`, text: `What freshness SLO does ${g.groupId} have? (not in the ownership catalog)` });
      } else {
        if (freshAnswer !== "yes") freshAnswer = "unknown";
        fresh.push(`${g.groupId}: time lag not known yet`);
      }

      // Backlog growing faster than drain?
      if (growing || stuck) {
        backlogAnswer = "yes";
        const why = stuck ? `consumption ${g.status} (${g.statusReason})` : `lag growing ${count(g.lagGrowthPerSec ?? 0)} rec/s, not draining`;
        add("backlogGrowing", tier === "critical" || tier === "important" ? "SEV2" : "SEV3", `${g.groupId}: backlog of ${count(g.totalLag)} records, ${why}${tier ? ` (${tier} workload)` : ""}`, `signal:groups.${g.groupId}.lagGrowthPerSec`);
        if (!tier) questions.push({ id: `tier:${g.groupId}`, text: `Is ${g.groupId} an important workload? (not in the ownership catalog)` });
      } else if (backlog && g.drain === "draining" && g.timeToDrainSeconds !== null) {
        add("backlogGrowing", "SEV4", `${g.groupId}: backlog draining, ${formatDuration(g.timeToDrainSeconds)} to drain at current rates`, `signal:groups.${g.groupId}.timeToDrainSeconds`);
      } else if (backlog && (g.lagGrowthPerSec === null || g.status === "unknown")) {
        if (backlogAnswer !== "yes") backlogAnswer = "unknown";
        add("backlogGrowing", "SEV4", `${g.groupId}: backlog of ${count(g.totalLag)} records; whether it grows or drains is not known yet (${g.statusReason})`, `signal:groups.${g.groupId}.status`);
      }
      backlogEv.push(g.lagGrowthPerSec === null && backlog ? `${describeBacklog(g)} (one sample: growth cannot be judged yet)` : hasBacklog(g) ? describeBacklog(g) : `${g.groupId} is caught up (lag ${count(g.totalLag)}, within what is in flight)`);

      // Recovery constrained?
      const lost = g.partitions.reduce((s, p) => s + (p.retention.kind === "lost" ? p.retention.recordsLost : 0), 0);
      const expiry = soonestExpiry(g);
      if (lost > 0) {
        anyProblem = true;
        recoveryAnswer = "yes";
        add("recoveryConstrained", "SEV1", `${g.groupId}: ${count(lost)} records deleted by retention before being consumed`, `signal:groups.${g.groupId}.partitions.retention`);
        recoveryEv.push(`${g.groupId}: ${count(lost)} unread records already deleted by retention`);
      } else if (expiry && expiry.seconds <= RECOVERY_HORIZON_SECONDS) {
        anyProblem = true;
        recoveryAnswer = "yes";
        const drain = expiry.drain === null ? "the backlog is not draining" : `draining needs ${formatDuration(expiry.drain)}`;
        add("recoveryConstrained", "SEV1", `${g.groupId}: no safe recovery path, retention deletes unread records on ${expiry.where} in ${formatDuration(expiry.seconds)} while ${drain}`, `signal:groups.${g.groupId}.partitions.retention`);
        recoveryEv.push(`${g.groupId} ${expiry.where}: retention deletes unread records in ${formatDuration(expiry.seconds)}, before the backlog drains`);
      } else if (expiry) {
        // A deadline beyond the horizon is still a deadline: say it, never "enough headroom".
        add("recoveryConstrained", "SEV4", `${g.groupId}: retention deletes unread records on ${expiry.where} in ${formatDuration(expiry.seconds)} unless the backlog drains (beyond the ${formatDuration(RECOVERY_HORIZON_SECONDS)} horizon)`, `signal:groups.${g.groupId}.partitions.retention`);
        recoveryEv.push(`${g.groupId} ${expiry.where}: retention deletes unread records in ${formatDuration(expiry.seconds)} unless the backlog drains (beyond the ${formatDuration(RECOVERY_HORIZON_SECONDS)} horizon)`);
      } else if (g.partitions.some((p) => p.retention.kind === "unknown" && (p.lag ?? 0) > 0)) {
        if (recoveryAnswer === "no") recoveryAnswer = "unknown";
        recoveryEv.push(`${g.groupId}: time lag unknown, so the retention deadline is not known yet`);
      } else if (hasBacklog(g)) {
        const safe = g.partitions.map((p) => (p.retention.kind === "safe" ? p.retention.secondsUntilExpiry : Infinity)).reduce((a, b) => Math.min(a, b), Infinity);
        recoveryEv.push(Number.isFinite(safe) ? `${g.groupId}: the backlog drains ${g.timeToDrainSeconds !== null ? `in ${formatDuration(g.timeToDrainSeconds)}` : "(consumers keep pace)"}, before retention deletes anything (${formatDuration(safe)} of headroom)` : `${g.groupId}: nothing unread can expire (retention does not delete by time, or the group is caught up)`);
      } else {
        recoveryEv.push(`${g.groupId}: caught up, nothing waits for retention`);
      }
      if (g.idleMembers > 0 && growing) {
        recoveryAnswer = "yes";
        add("recoveryConstrained", "SEV3", `${g.groupId}: recovery capped by partitions, ${g.memberCount} members for ${g.partitionCount} partitions (${g.idleMembers} idle)`, `signal:groups.${g.groupId}.idleMembers`);
        recoveryEv.push(`${g.groupId}: ${g.idleMembers} of ${g.memberCount} members idle: more consumers will not help`);
      }
    }
    if (groups.length) {
      answers.freshnessBreached = { answer: freshAnswer, source: freshAnswer === "unknown" ? "none" : "kafka", evidence: fresh };
      answers.backlogGrowing = { answer: backlogAnswer, source: "kafka", evidence: backlogEv };
      answers.recoveryConstrained = { answer: recoveryAnswer, source: recoveryAnswer === "unknown" ? "none" : "kafka", evidence: recoveryEv.slice(0, 6) };
      const lostAny = recoveryEv.some((e) => e.includes("already deleted"));
      answers.dataUnrecoverable = lostAny
        ? { answer: "unknown", source: "kafka", evidence: ["unread records were deleted by retention: only a source of truth that can replay them makes them recoverable (ask the data owner)"] }
        : { answer: "no", source: "kafka", evidence: ["no unread record has been deleted by retention (whether the source can replay is for the data owner)"] };
    }
    const tiers = groups.map((g) => ownershipOf(g, streams)?.tier).filter((t): t is Tier => t !== undefined);
    const tier = tiers.includes("critical") ? "critical" : tiers.includes("important") ? "important" : tiers[0];
    if (tier) answers.businessImpact = { answer: tier === "standard" ? "no" : "yes", source: "catalog", evidence: [`the ownership catalog lists the scope as ${tier}`] };
  }

  // The commander's answers: they fill (or override) the table; "writes failing" and "data
  // unrecoverable" are SEV1 on their own, any other "yes" raises the level by one, once.
  const evidenceLevel = reasons.reduce<SeverityLevel>((l, r) => worse(l, r.level), "SEV4");
  let level = evidenceLevel;
  for (const id of QUESTION_IDS) {
    const a = commander.answers?.[id];
    if (a !== "yes" && a !== "no") continue;
    answers[id] = { answer: a, source: "commander", evidence: [...answers[id].evidence.filter((e) => !e.startsWith("only people") && e !== "Kafka evidence not collected"), "answered by the commander"] };
    const text = SEVERITY_QUESTIONS[id].text;
    if (a === "no") {
      add(id, "SEV4", `answered no: ${text}`, `answer:${id}`, "commander");
    } else if (!anyProblem) {
      add(id, "SEV3", `answered yes: ${text}; Kafka shows this scope healthy, so not raised above SEV3`, `answer:${id}`, "commander");
      level = worse(level, "SEV3");
    } else {
      // SEV1 on its own, or one level above what the evidence shows (however many say yes).
      const target: SeverityLevel = id === "writesAtRisk" || id === "dataUnrecoverable" ? "SEV1" : raise(evidenceLevel);
      add(id, target, `answered yes: ${text}`, `answer:${id}`, "commander");
      level = worse(level, target);
    }
  }
  if (!anyProblem && level === "SEV4" && !reasons.some((r) => r.source === "commander" && r.level !== "SEV4")) {
    add("backlogGrowing", "SEV4", "no SLO at risk: consumers caught up or keeping pace, writes accepted durably", "signal:summary");
  }
  for (const id of ["businessImpact", "downstreamAffected", "dataUnrecoverable", "timeSensitive"] as const) {
    if (answers[id].source === "none" || (id === "dataUnrecoverable" && answers[id].answer === "unknown")) questions.push({ id, text: SEVERITY_QUESTIONS[id].text });
  }
  reasons.sort((a, b) => rank(a.level) - rank(b.level));
  return { level, reasons, answers, questions, unknowns: [...(context.unknowns ?? [])], evidenceTakenAt: noEvidence ? null : (signals?.takenAt ?? null) };
}

/** "Evidence now points to a different level": compares a proposal to the accepted level. */
export function compareToAccepted(
  proposal: Pick<SeverityProposal, "level">,
  accepted: SeverityLevel | null,
): { differs: boolean; direction: "higher" | "lower" | "same"; message: string | null } {
  if (accepted === null || accepted === proposal.level) return { differs: false, direction: "same", message: null };
  const direction = rank(proposal.level) < rank(accepted) ? "higher" : "lower";
  return {
    differs: true,
    direction,
    message: `Evidence now points to ${proposal.level} (${direction === "higher" ? "more" : "less"} severe than the accepted ${accepted}).`,
  };
}
