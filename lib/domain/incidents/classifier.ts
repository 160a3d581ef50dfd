/**
 * The guided severity classifier (design/severity.md, seed 000): the incident's question/answer
 * view of severity. The questions are answered from live evidence where Kafka can answer and
 * by the commander where it cannot; the *level* and its reasons come from the one severity
 * engine, `proposeSeverity` (lib/domain/severity/propose.ts), fed with
 *  - the evidence signals restricted to the incident's scope,
 *  - the streams' freshness SLO and tier: the commander's SLO first, else the ownership
 *    catalog's (lib/server/catalog/severity-context.ts),
 *  - the commander's answers mapped onto propose.ts's human questions (COMMANDER_TO_ENGINE).
 * The answers table (`answerFromEvidence`) only explains; it never decides the level.
 */
import { clusterSignals } from "../evidence/cluster-changes";
import type { EvidenceSignals } from "../evidence/signal-types";
import {
  proposeSeverity,
  type SeverityAnswer,
  type SeverityProposal as EngineProposal,
  type SeverityQuestionId,
  type StreamOwnership,
  type Tier,
} from "../severity/propose";
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
  source: "kafka" | "commander" | "catalog" | "none";
  /** the evidence behind the answer, in words a commander can check */
  evidence: string[];
}

export type Answers = Record<QuestionId, QuestionAnswer>;

/** What the answers table reads from the cluster; null = Kafka cannot tell. */
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

/** The ownership catalog's part (severityContextFor(scope)): used where the commander gave nothing. */
export interface CatalogContext {
  streams: StreamOwnership[];
  freshnessSloSeconds: number | null;
  tier?: Tier | null;
}

/**
 * How far ahead a retention deadline counts as "no safe recovery path" in the answers table.
 * (The level itself follows propose.ts's own horizon.)
 */
export const RECOVERY_HORIZON_SECONDS = 6 * 3600;

/** The signals restricted to the incident's topics and groups (propose.ts then reads all of them). */
export function scopeSignals(signals: EvidenceSignals, scope: IncidentScope): EvidenceSignals {
  const groups = signals.groups.filter((g) => scope.groups.length === 0 || scope.groups.includes(g.groupId));
  const topics = new Set([...scope.topics, ...(scope.groups.length ? groups.flatMap((g) => g.topics) : [])]);
  if (topics.size === 0) return { ...signals, groups };
  const inScope = (ref: { topic: string }) => topics.has(ref.topic);
  const c = signals.cluster;
  return {
    ...signals,
    groups: scope.groups.length ? groups : groups.filter((g) => g.topics.some((t) => topics.has(t))),
    topics: signals.topics.filter((t) => topics.has(t.name)),
    cluster: {
      ...c,
      offlinePartitions: c.offlinePartitions.filter(inScope),
      underReplicated: c.underReplicated.filter(inScope),
      underMinIsr: c.underMinIsr.filter(inScope),
      leaderChanges: c.leaderChanges.filter(inScope),
      isrShrinks: c.isrShrinks.filter(inScope),
      isrExpands: c.isrExpands.filter(inScope),
      configChanges: c.configChanges.filter((ch) => topics.has(ch.topic)),
    },
  };
}

export function evidenceFromSignals(signals: EvidenceSignals, scope: IncidentScope): ClassifierEvidence {
  const s = scopeSignals(signals, scope);
  const name = (ref: { topic: string; partition: number }) => `${ref.topic}-${ref.partition}`;
  return {
    takenAt: s.takenAt || null,
    samples: s.samples,
    offlinePartitions: s.cluster.offlinePartitions.map(name),
    underMinIsrPartitions: s.cluster.underMinIsr.map(name),
    groups: s.groups.map((g) => ({
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

interface AnswerContext extends CommanderAnswers {
  /** where the SLO came from, for the evidence text */
  sloFrom?: "commander" | "catalog";
  /** the catalog's tier, answering "important workload?" unless the commander did */
  tier?: Tier | null;
}

/** Answers each question from the evidence where Kafka can, leaving the rest "unknown". */
export function answerFromEvidence(ev: ClassifierEvidence | null, commander: AnswerContext = {}): Answers {
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
        (g.lagGrowthPerSec === null ? "" : g.lagGrowthPerSec > 0 ? `, growing ${fmt(g.lagGrowthPerSec)}/s` : g.lagGrowthPerSec < 0 ? `, falling ${fmt(-g.lagGrowthPerSec)}/s` : ", flat") +
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
        evidence: [`time lag ${duration(maxTimeLag)} vs freshness SLO ${duration(slo)} (SLO from the ${commander.sloFrom === "catalog" ? "ownership catalog" : "commander"})`],
      };
    } else if (maxTimeLag !== null) {
      a.freshnessBreached = { answer: "unknown", source: "none", evidence: [`time lag is ${duration(maxTimeLag)}; the freshness SLO is not known`] };
    } else if (lagging.length === 0 && ev.groups.length) {
      a.freshnessBreached = { answer: "no", source: "kafka", evidence: ["every group in scope is caught up"] };
    }
  }
  if (commander.tier) {
    a.criticalWorkload = { answer: commander.tier === "standard" ? "no" : "yes", source: "catalog", evidence: [`the ownership catalog lists the scope as ${commander.tier}`] };
  }
  for (const [id, answer] of Object.entries(commander.answers ?? {}) as [QuestionId, Answer][]) {
    if (answer && answer !== "unknown") a[id] = { answer, source: "commander", evidence: [...a[id].evidence.filter((e) => !e.startsWith("only the")), "answered by the commander"] };
  }
  return a;
}

/**
 * The commander's answers as propose.ts's human answers. "Backlog growing" has no human
 * counterpart there (Kafka judges it); a commander's "yes" to it or to "freshness breached"
 * says downstream consumers are affected.
 */
export const COMMANDER_TO_ENGINE: Record<QuestionId, SeverityQuestionId> = {
  writesAtRisk: "writes-failing",
  criticalWorkload: "business-impact",
  recoveryConstrained: "data-unrecoverable",
  freshnessBreached: "downstream-affected",
  backlogGrowing: "downstream-affected",
};

export function engineAnswers(answers: CommanderAnswers["answers"] = {}): SeverityAnswer[] {
  const out = new Map<SeverityQuestionId, SeverityAnswer>();
  for (const id of QUESTION_IDS) {
    const answer = answers[id];
    if (answer !== "yes" && answer !== "no") continue;
    const question = COMMANDER_TO_ENGINE[id];
    const prev = out.get(question);
    if (prev?.answer === "yes") continue; // a "yes" from either mapped question wins
    out.set(question, { question, answer, note: `commander: ${QUESTIONS[id].split("?")[0]}? ${answer}` });
  }
  return [...out.values()];
}

/** Which classifier question an engine reason answers (so the UI can group them). */
function questionOf(evidence: string): QuestionId {
  if (evidence.startsWith("answer:")) {
    const q = evidence.slice("answer:".length);
    return (Object.entries(COMMANDER_TO_ENGINE).find(([, e]) => e === q)?.[0] as QuestionId | undefined) ?? "criticalWorkload";
  }
  if (evidence.startsWith("signal:cluster.")) return "writesAtRisk";
  if (evidence.endsWith(".maxTimeLagSeconds")) return "freshnessBreached";
  if (evidence.endsWith(".retention") || evidence.endsWith(".idleMembers")) return "recoveryConstrained";
  return "backlogGrowing";
}

/** Streams for propose.ts: per group in scope, the commander's SLO over the catalog's, the catalog's tier. */
function streamsFor(signals: EvidenceSignals, commanderSlo: number | null, catalog: CatalogContext | null): StreamOwnership[] {
  const catalogStreams = catalog?.streams ?? [];
  const merged = signals.groups.map((g): StreamOwnership => {
    const own = catalogStreams.find((s) => s.group === g.groupId) ?? catalogStreams.find((s) => s.group === undefined && s.topic !== undefined && g.topics.includes(s.topic));
    const slo = commanderSlo ?? own?.freshnessSloSeconds;
    return { group: g.groupId, ...(slo !== undefined ? { freshnessSloSeconds: slo } : {}), ...(own?.tier ? { tier: own.tier } : {}) };
  });
  return [...merged, ...catalogStreams];
}

const EMPTY_SIGNALS: EvidenceSignals = {
  clusterId: null,
  takenAt: 0,
  windowStart: 0,
  windowSeconds: 0,
  samples: 0,
  cluster: clusterSignals([]),
  topics: [],
  groups: [],
  warnings: [],
};

export interface Classification {
  level: SeverityLevel;
  reasons: SeverityReason[];
  answers: Answers;
  evidence: ClassifierEvidence | null;
  /** what the engine still wants a human to answer */
  questions: EngineProposal["questions"];
}

/**
 * Classifies an incident: answers for the table, level and reasons from proposeSeverity.
 * `signals` null means Kafka could not be read; the engine then has only the answers.
 */
export function classify(signals: EvidenceSignals | null, scope: IncidentScope, commander: CommanderAnswers = {}, catalog: CatalogContext | null = null): Classification {
  const scoped = signals ? scopeSignals(signals, scope) : EMPTY_SIGNALS;
  const evidence = signals ? evidenceFromSignals(signals, scope) : null;
  const commanderSlo = commander.freshnessSloSeconds ?? null;
  const slo = commanderSlo ?? catalog?.freshnessSloSeconds ?? null;
  const answers = answerFromEvidence(evidence, {
    freshnessSloSeconds: slo,
    sloFrom: commanderSlo !== null ? "commander" : "catalog",
    tier: catalog?.tier ?? null,
    answers: commander.answers,
  });
  const proposal = proposeSeverity(scoped, { streams: streamsFor(scoped, commanderSlo, catalog), answers: engineAnswers(commander.answers) });
  const reasons: SeverityReason[] = proposal.reasons.map((r) => ({
    question: QUESTIONS[questionOf(r.evidence)],
    text: r.text,
    source: r.evidence.startsWith("answer:") ? "commander" : "kafka",
    level: r.level,
  }));
  return { level: proposal.proposed, reasons, answers, evidence, questions: proposal.questions };
}
