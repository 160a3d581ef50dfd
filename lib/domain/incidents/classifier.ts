/**
 * The guided severity classifier (design/severity.md, seed 000): four questions answered from
 * live evidence where Kafka can answer, by the commander where it cannot, and a proposed level
 * whose every reason names the question and the evidence or answer behind it.
 *
 * Written against the small `ClassifierEvidence` shape so it does not depend on how the
 * signals are computed; `evidenceFromSignals` maps the evidence engine's output onto it.
 */
import type { EvidenceSignals } from "../evidence/signal-types";
import type { IncidentScope, SeverityLevel, SeverityReason } from "./types";

export type Answer = "yes" | "no" | "unknown";

export const QUESTIONS = {
  writesAtRisk: "Are writes failing or at risk? (offline partitions, partitions below min.insync.replicas, producer errors)",
  freshnessBreached: "Has freshness breached the business objective? (time lag vs the stream's freshness SLO)",
  backlogGrowing: "Is the backlog growing faster than the platform can drain it?",
  recoveryConstrained: "Is recovery constrained by capacity, storage or coordination? (retention vs time-to-drain)",
  criticalWorkload: "Is this an important workload? (revenue, compliance, critical reports, many downstream consumers)",
} as const;

export type QuestionId = keyof typeof QUESTIONS;
export const QUESTION_IDS = Object.keys(QUESTIONS) as QuestionId[];

export interface QuestionAnswer {
  answer: Answer;
  source: "kafka" | "commander" | "none";
  /** the evidence behind the answer, in words a commander can check */
  evidence: string[];
}

export type Answers = Record<QuestionId, QuestionAnswer>;

/** What the classifier reads from the cluster; null = Kafka cannot tell. */
export interface ClassifierEvidence {
  takenAt: number | null;
  samples: number;
  offlinePartitions: string[];
  underMinIsrPartitions: string[];
  groups: {
    groupId: string;
    totalLag: number;
    lagGrowthPerSec: number | null;
    drain: "caught-up" | "draining" | "not-draining" | "unknown";
    timeToDrainSeconds: number | null;
    maxTimeLagSeconds: number | null;
    memberCount: number;
    state: string;
    retentionAtRisk: string[];
    retentionLost: string[];
  }[];
}

export interface CommanderAnswers {
  /** the stream's freshness objective in seconds, when the commander knows it */
  freshnessSloSeconds?: number | null;
  /** explicit answers that override or fill Kafka's */
  answers?: Partial<Record<QuestionId, Answer>>;
}

/**
 * How far ahead a retention deadline counts as "no safe recovery path". A stalled group on a
 * 7-day topic will lose data eventually, but that is days of runway, not a Sev-1 now.
 */
export const RECOVERY_HORIZON_SECONDS = 6 * 3600;

export function evidenceFromSignals(signals: EvidenceSignals, scope: IncidentScope): ClassifierEvidence {
  const topics = new Set([...scope.topics, ...signals.groups.filter((g) => scope.groups.includes(g.groupId)).flatMap((g) => g.topics)]);
  const inScope = (ref: { topic: string }) => topics.size === 0 || topics.has(ref.topic);
  const name = (ref: { topic: string; partition: number }) => `${ref.topic}-${ref.partition}`;
  const groups = signals.groups.filter((g) => scope.groups.length === 0 || scope.groups.includes(g.groupId));
  return {
    takenAt: signals.takenAt || null,
    samples: signals.samples,
    offlinePartitions: signals.cluster.offlinePartitions.filter(inScope).map(name),
    underMinIsrPartitions: signals.cluster.underMinIsr.filter(inScope).map(name),
    groups: groups.map((g) => ({
      groupId: g.groupId,
      totalLag: g.totalLag,
      lagGrowthPerSec: g.lagGrowthPerSec,
      drain: g.drain,
      timeToDrainSeconds: g.timeToDrainSeconds,
      maxTimeLagSeconds: g.maxTimeLagSeconds,
      memberCount: g.memberCount,
      state: g.state,
      retentionAtRisk: g.partitions
        .filter((p) => p.retention.kind === "expires-before-drain" && p.retention.secondsUntilExpiry < RECOVERY_HORIZON_SECONDS)
        .map(name),
      retentionLost: g.partitions.filter((p) => p.retention.kind === "lost").map(name),
    })),
  };
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString("en-US") : String(Math.round(n * 10) / 10));
const duration = (s: number) => (s >= 3600 ? `${fmt(s / 3600)} h` : s >= 60 ? `${fmt(s / 60)} min` : `${fmt(s)} s`);

/** Answers each question from the evidence where Kafka can, leaving the rest "unknown". */
export function answerFromEvidence(ev: ClassifierEvidence | null, commander: CommanderAnswers = {}): Answers {
  const none = (why: string): QuestionAnswer => ({ answer: "unknown", source: "none", evidence: [why] });
  const a: Answers = {
    writesAtRisk: none("Kafka evidence not collected"),
    freshnessBreached: none("needs the stream's freshness SLO"),
    backlogGrowing: none("Kafka evidence not collected"),
    recoveryConstrained: none("Kafka evidence not collected"),
    criticalWorkload: none("only the commander can say"),
  };
  if (ev) {
    if (ev.offlinePartitions.length || ev.underMinIsrPartitions.length) {
      const ev1: string[] = [];
      if (ev.offlinePartitions.length) ev1.push(`${ev.offlinePartitions.length} partition(s) offline: ${ev.offlinePartitions.slice(0, 5).join(", ")}`);
      if (ev.underMinIsrPartitions.length) ev1.push(`${ev.underMinIsrPartitions.length} partition(s) below min.insync.replicas: ${ev.underMinIsrPartitions.slice(0, 5).join(", ")}`);
      a.writesAtRisk = { answer: "yes", source: "kafka", evidence: ev1 };
    } else {
      a.writesAtRisk = { answer: "no", source: "kafka", evidence: ["every partition in scope has a leader and enough in-sync replicas (producer errors are not visible to Kafka admin APIs)"] };
    }

    const lagging = ev.groups.filter((g) => g.totalLag > 0);
    if (ev.groups.length === 0) {
      a.backlogGrowing = none("no consumer group in scope");
    } else if (lagging.length === 0) {
      a.backlogGrowing = { answer: "no", source: "kafka", evidence: ev.groups.map((g) => `${g.groupId} is caught up (lag 0)`) };
    } else {
      const growing = lagging.filter((g) => (g.lagGrowthPerSec !== null && g.lagGrowthPerSec > 0) || g.drain === "not-draining");
      const describe = (g: ClassifierEvidence["groups"][number]) =>
        `${g.groupId}: lag ${fmt(g.totalLag)} records, ${g.drain === "not-draining" ? "not draining" : g.drain}` +
        (g.lagGrowthPerSec !== null ? `, growing ${fmt(g.lagGrowthPerSec)}/s` : "") +
        (g.memberCount === 0 ? `, no active consumers (state ${g.state})` : `, ${g.memberCount} consumer(s)`) +
        (g.timeToDrainSeconds !== null ? `, drains in ${duration(g.timeToDrainSeconds)}` : "");
      if (growing.length) a.backlogGrowing = { answer: "yes", source: "kafka", evidence: growing.map(describe) };
      else if (ev.samples < 2) a.backlogGrowing = { answer: "unknown", source: "kafka", evidence: [...lagging.map(describe), "one sample only: growth cannot be judged"] };
      else a.backlogGrowing = { answer: "no", source: "kafka", evidence: lagging.map(describe) };
    }

    const lost = ev.groups.flatMap((g) => g.retentionLost.map((p) => `${g.groupId} ${p}: unread records already deleted by retention`));
    const risk = ev.groups.flatMap((g) => g.retentionAtRisk.map((p) => `${g.groupId} ${p}: retention deletes unread records before the backlog drains`));
    if (lost.length || risk.length) a.recoveryConstrained = { answer: "yes", source: "kafka", evidence: [...lost, ...risk].slice(0, 6) };
    else if (ev.groups.length) a.recoveryConstrained = { answer: "no", source: "kafka", evidence: ["retention leaves enough headroom to drain every lagging partition at current rates"] };

    const timeLags = ev.groups.map((g) => g.maxTimeLagSeconds).filter((x): x is number => x !== null);
    const maxTimeLag = timeLags.length ? Math.max(...timeLags) : null;
    const slo = commander.freshnessSloSeconds ?? null;
    if (slo !== null && maxTimeLag !== null) {
      a.freshnessBreached = {
        answer: maxTimeLag > slo ? "yes" : "no",
        source: "kafka",
        evidence: [`time lag ${duration(maxTimeLag)} vs freshness SLO ${duration(slo)} (SLO from the commander)`],
      };
    } else if (maxTimeLag !== null) {
      a.freshnessBreached = { answer: "unknown", source: "none", evidence: [`time lag is ${duration(maxTimeLag)}; the freshness SLO is not known`] };
    } else if (lagging.length === 0 && ev.groups.length) {
      a.freshnessBreached = { answer: "no", source: "kafka", evidence: ["every group in scope is caught up"] };
    }
  }
  for (const [id, answer] of Object.entries(commander.answers ?? {}) as [QuestionId, Answer][]) {
    if (answer && answer !== "unknown") a[id] = { answer, source: "commander", evidence: [...a[id].evidence.filter((e) => !e.startsWith("only the")), "answered by the commander"] };
  }
  return a;
}

/**
 * Seed 000's levels: Sev-1 writes failing, critical freshness breached or no safe recovery
 * path; Sev-2 backlog growing for important workloads while ingestion works; Sev-3 localized
 * with an SLO at risk; Sev-4 localized, no SLO at risk. "Unknown" importance counts as
 * important: under-classifying a growing backlog costs more than over-classifying it.
 */
export function proposeFromAnswers(a: Answers): { level: SeverityLevel; reasons: SeverityReason[] } {
  const reason = (q: QuestionId, text: string): SeverityReason => ({
    question: QUESTIONS[q],
    text: `${text} — ${a[q].evidence.join("; ")}`,
    source: a[q].source === "commander" ? "commander" : "kafka",
  });
  const yes = (q: QuestionId) => a[q].answer === "yes";
  const critical = a.criticalWorkload.answer !== "no";
  const sev1: SeverityReason[] = [];
  if (yes("writesAtRisk")) sev1.push(reason("writesAtRisk", "Writes are failing or at risk"));
  if (yes("freshnessBreached") && a.criticalWorkload.answer === "yes") sev1.push(reason("freshnessBreached", "Critical freshness is breached"));
  if (yes("recoveryConstrained")) sev1.push(reason("recoveryConstrained", "No safe recovery path: data is or will be deleted before it is consumed"));
  if (sev1.length) return { level: "SEV1", reasons: sev1 };

  const sev2: SeverityReason[] = [];
  if (yes("backlogGrowing") && critical) sev2.push(reason("backlogGrowing", "Backlog is growing or not draining while durable ingestion still works"));
  if (yes("freshnessBreached")) sev2.push(reason("freshnessBreached", "Freshness objective is breached"));
  if (sev2.length) return { level: "SEV2", reasons: [...sev2, reason("writesAtRisk", "Ingestion is still durable")] };

  const sev3: SeverityReason[] = [];
  if (yes("backlogGrowing")) sev3.push(reason("backlogGrowing", "Backlog is growing, but the workload is not critical"));
  if (a.freshnessBreached.answer === "unknown" && a.backlogGrowing.answer !== "no") sev3.push(reason("freshnessBreached", "Freshness SLO may be at risk"));
  if (a.backlogGrowing.answer === "unknown") sev3.push(reason("backlogGrowing", "Backlog movement is unknown"));
  if (sev3.length) return { level: "SEV3", reasons: sev3 };

  return { level: "SEV4", reasons: [reason("backlogGrowing", "Localized: no backlog growth"), reason("writesAtRisk", "Ingestion is durable")] };
}
