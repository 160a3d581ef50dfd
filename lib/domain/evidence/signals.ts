/**
 * Entry point of the evidence engine: `computeSignals(history, opts)` turns a history of
 * cluster snapshots (oldest first) into the `EvidenceSignals` read by the UI, the diagnosis
 * checks and the severity proposal. Pure: no I/O, deterministic for a given input.
 */
import type { ClusterSnapshot, OffsetTimePoint, TopicSnapshot } from "./types";
import type { EvidenceSignals, PartitionSignals, TopicSignals } from "./signal-types";
import { baselineAndRecent, counterRate, median, sumOrNull } from "./series";
import { clusterSignals, minIsrOf } from "./cluster-changes";
import { groupSignals } from "./group-signals";
import { partitionIn, topicIn } from "./snapshot-index";
import { brokerMetricSignals, readingsOf } from "../broker-metrics/signals";
import type { BrokerMetricsReading } from "../broker-metrics/types";

export type * from "./signal-types";

export interface SignalOptions {
  /** offsets-by-timestamp lookups so time lag is known from the first sample. */
  seeds?: OffsetTimePoint[];
  /** rates use only samples newer than now − rateWindowMs (default: the whole history). */
  rateWindowMs?: number;
  /** share of the history a committed offset must stay unchanged to be "frozen" (default 0.5). */
  stallFraction?: number;
  /** include internal topics such as __consumer_offsets (default false). */
  includeInternal?: boolean;
  /** broker metric readings from before the history (a range query's backfill), besides those attached to its snapshots. */
  brokerReadings?: BrokerMetricsReading[];
  /**
   * Older snapshots (oldest first, any spacing) reaching back before `history`, e.g. the
   * persisted keyframes from before the lag started. Their log-end readings place committed
   * offsets in time (time lag, lag start) and their cluster changes (brokers, leaders, ISR,
   * configs) count; rates, status, churn and lag growth stay over `history` (the rate window),
   * so a long reach-back never dilutes "what is happening now".
   */
  reachBack?: ClusterSnapshot[];
  /**
   * The baseline period (before the lag started, up to a day, or the same hour a week earlier):
   * the topics' baseline input rate is measured over these snapshots instead of over the first
   * two thirds of `history`. `label` says which period it is, for reasons and the UI.
   */
  baseline?: { history: ClusterSnapshot[]; label: string };
}

function num(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** The topic's summed log end offset per snapshot (null where any partition's is unknown). */
function summedLogEnd(history: readonly ClusterSnapshot[], name: string) {
  return history.map((s) => {
    const t = topicIn(s, name);
    const ends = t?.partitions.map((p) => p.logEndOffset) ?? [];
    return { at: s.takenAt, value: ends.length === 0 || ends.some((e) => e === null) ? null : ends.reduce<number>((a, e) => a + (e ?? 0), 0) };
  });
}

function topicSignals(name: string, history: ClusterSnapshot[], rateHistory: ClusterSnapshot[], baselineOf: SignalOptions["baseline"]): TopicSignals | null {
  const newest = history[history.length - 1];
  const last = newest ? topicIn(newest, name) : undefined;
  if (!last) return null;
  const minIsr = minIsrOf(last);
  const series = (h: ClusterSnapshot[], partition: number) =>
    h.map((s) => ({
      at: s.takenAt,
      value: partitionIn(s, name, partition)?.logEndOffset ?? null,
    }));
  const sizes = (h: ClusterSnapshot[], partition: number) =>
    h.map((s) => ({
      at: s.takenAt,
      value: partitionIn(s, name, partition)?.sizeBytes ?? null,
    }));
  const partitions: PartitionSignals[] = [...last.partitions]
    .sort((a, b) => a.partition - b.partition)
    .map((p) => ({
      topic: name,
      partition: p.partition,
      leader: p.leader,
      replicas: p.replicas,
      isr: p.isr,
      offline: p.offline || p.leader < 0,
      logStartOffset: p.logStartOffset,
      logEndOffset: p.logEndOffset,
      lastStableOffset: p.lastStableOffset ?? null,
      sizeBytes: p.sizeBytes ?? null,
      inputRatePerSec: counterRate(series(rateHistory, p.partition)),
      // Positive deltas only: a retention deletion shrinks the log without being negative input.
      inputBytesPerSec: counterRate(sizes(rateHistory, p.partition)),
      recentInputBytesPerSec: baselineAndRecent(sizes(history, p.partition)).recent,
      inputShare: null,
      underReplicated: p.isr.length < p.replicas.length,
      underMinIsr: minIsr !== null && p.isr.length < minIsr,
    }));
  const total = sumOrNull(partitions.map((p) => p.inputRatePerSec));
  for (const p of partitions) p.inputShare = total && total > 0 && p.inputRatePerSec !== null ? p.inputRatePerSec / total : null;
  // Baseline vs recent uses the topic's summed log end offset so a spike on any partition shows.
  // From the topic's first appearance: a topic created a minute ago has a minute of history.
  const summed = summedLogEnd(history, name);
  const born = summed.findIndex((p) => p.value !== null);
  const split = baselineAndRecent(born > 0 ? summed.slice(born) : summed);
  const fromHistory = baselineOf ? counterRate(summedLogEnd(baselineOf.history, name)) : null;
  const baseline = fromHistory ?? split.baseline;
  const recent = split.recent;
  const retentionMs = num(last.configs["retention.ms"]);
  const bytes = num(last.configs["retention.bytes"]);
  const policy = last.configs["cleanup.policy"] ?? "delete";
  return {
    name,
    internal: last.internal,
    partitionCount: last.partitions.length,
    retentionMs,
    retentionBytes: bytes !== null && bytes >= 0 ? bytes : null,
    deletesByTime: policy.split(",").map((x) => x.trim()).includes("delete"),
    minInsyncReplicas: minIsr,
    inputRatePerSec: total,
    inputBytesPerSec: sumOrNull(partitions.map((p) => p.inputBytesPerSec)),
    baselineInputRatePerSec: baseline,
    baselineSource: fromHistory !== null ? "history" : split.baseline !== null ? "window" : null,
    baselineLabel: fromHistory !== null ? (baselineOf?.label ?? null) : null,
    recentInputRatePerSec: recent,
    inputChangeRatio: baseline !== null && recent !== null && baseline > 0 ? recent / baseline : null,
    medianPartitionInputRatePerSec: median(partitions.map((p) => p.inputRatePerSec).filter((x): x is number => x !== null)),
    partitions,
  };
}

/** Computes every signal over `history` (oldest first). An empty history yields empty signals. */
export function computeSignals(history: ClusterSnapshot[], opts: SignalOptions = {}): EvidenceSignals {
  // Sort defensively: the engine's "now" is the newest snapshot, whatever order callers pass.
  const sorted = [...history].sort((a, b) => a.takenAt - b.takenAt);
  const last = sorted[sorted.length - 1];
  const first = sorted[0];
  const now = last?.takenAt ?? 0;
  const rateHistory = opts.rateWindowMs === undefined ? sorted : sorted.filter((s) => s.takenAt >= now - (opts.rateWindowMs ?? 0));
  const topicNames = (last?.topics ?? [])
    .filter((t: TopicSnapshot) => opts.includeInternal === true || !t.internal)
    .map((t) => t.name)
    .sort();
  const topics = topicNames.map((n) => topicSignals(n, sorted, rateHistory, opts.baseline)).filter((t): t is TopicSignals => t !== null);
  const reachBack = [...(opts.reachBack ?? [])].filter((s) => first === undefined || s.takenAt < first.takenAt).sort((a, b) => a.takenAt - b.takenAt);
  const topicMap = new Map(topics.map((t) => [t.name, t]));
  // Groups seen anywhere in the history: a group that vanished (Dead) is still evidence.
  const groupIds = [...new Set(sorted.flatMap((s) => s.groups.map((g) => g.groupId)))].sort();
  const groups = groupIds.map((id) =>
    groupSignals(id, { history: sorted, reachBack, topics: topicMap, seeds: opts.seeds ?? [], stallFraction: opts.stallFraction ?? 0.5, rateFrom: rateHistory[0]?.takenAt ?? 0 }),
  );
  return {
    clusterId: last?.clusterId ?? null,
    takenAt: now,
    windowStart: first?.takenAt ?? 0,
    windowSeconds: first && last ? (last.takenAt - first.takenAt) / 1000 : 0,
    samples: sorted.length,
    reachBackFrom: reachBack[0]?.takenAt ?? null,
    reachBackSamples: reachBack.length,
    cluster: clusterSignals(reachBack.length ? [...reachBack, ...sorted] : sorted),
    topics,
    groups,
    // Backfilled readings (the CLI's) are the baseline, the history's own the recent figures.
    brokerMetrics: brokerMetricSignals([...(opts.brokerReadings ?? []), ...readingsOf(sorted)], opts.brokerReadings?.length && first ? { recentFrom: first.takenAt } : {}),
    warnings: last?.warnings ?? [],
  };
}
