/**
 * Broker metric signals over an evidence history: per broker and figure, the newest value, a
 * baseline (median of the readings in the first two thirds of the span) and the recent value
 * (median of the last third) — the same split the input-rate checks use — so a check can say
 * "produce p99 480 ms vs 3 ms baseline on broker 2". Medians, so one odd scrape moves nothing.
 */
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { BROKER_METRIC_KEYS, type BrokerMetricKey, type BrokerMetricsReading, type MetricAvailability, type TopicBytesIn } from "./types";

export interface MetricTrend {
  latest: number | null;
  /** median of the readings before the recent third; null with fewer than MIN_BASELINE_READINGS of them. */
  baseline: number | null;
  /** median of the readings in the recent third (at least the newest). */
  recent: number | null;
}

export interface BrokerMetricSignal {
  nodeId: number;
  metrics: Record<BrokerMetricKey, MetricTrend>;
}

export interface BrokerMetricSignals {
  /** "none": no reading in the history (no PROMETHEUS_URL); "prometheus": Ripcord reads a Prometheus. */
  source: "none" | "prometheus";
  /** ok: the newest reading answered; unavailable: it failed (figures are from older readings, if any). */
  state: "none" | "ok" | "unavailable";
  url: string | null;
  /** why the newest reading failed. */
  error: string | null;
  /** when the newest reading was taken, and the newest one that answered. */
  lastAttemptAt: number | null;
  lastReadingAt: number | null;
  /** readings that answered, in the history. */
  readings: number;
  brokers: BrokerMetricSignal[];
  topics: TopicBytesIn[];
  /** per metric: exported or not, from the newest reading that answered. */
  availability: MetricAvailability[];
  warnings: string[];
}

export const MIN_BASELINE_READINGS = 2;

export const NO_BROKER_METRICS: BrokerMetricSignals = {
  source: "none",
  state: "none",
  url: null,
  error: null,
  lastAttemptAt: null,
  lastReadingAt: null,
  readings: 0,
  brokers: [],
  topics: [],
  availability: [],
  warnings: [],
};

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);

/** The readings attached to a history's snapshots, oldest first. */
export function readingsOf(history: readonly ClusterSnapshot[]): BrokerMetricsReading[] {
  return history.flatMap((s) => (s.brokerMetrics ? [s.brokerMetrics] : [])).sort((a, b) => a.at - b.at);
}

/**
 * `recentFrom` (epoch ms) splits baseline from recent when the caller knows where its window
 * starts (the CLI: its backfilled readings are the baseline); default: the last third of the span.
 */
export function brokerMetricSignals(readings: readonly BrokerMetricsReading[], opts: { recentFrom?: number } = {}): BrokerMetricSignals {
  const all = [...readings].sort((a, b) => a.at - b.at);
  const newest = all[all.length - 1];
  if (!newest) return NO_BROKER_METRICS;
  const ok = all.filter((r) => r.error === null);
  const lastOk = ok[ok.length - 1];
  const base = {
    source: "prometheus" as const,
    state: newest.error ? ("unavailable" as const) : ("ok" as const),
    url: newest.url,
    error: newest.error?.message ?? null,
    lastAttemptAt: newest.at,
    lastReadingAt: lastOk?.at ?? null,
    readings: ok.length,
    topics: lastOk?.topics ?? [],
    availability: lastOk?.metrics ?? [],
    warnings: lastOk?.warnings ?? [],
  };
  if (!lastOk) return { ...base, brokers: [] };
  const first = ok[0]!.at;
  const recentFrom = opts.recentFrom ?? lastOk.at - (lastOk.at - first) / 3;
  const ids = [...new Set(ok.flatMap((r) => r.brokers.map((b) => b.nodeId)))].sort((a, b) => a - b);
  const brokers = ids.map((nodeId): BrokerMetricSignal => {
    const rows = ok.map((r) => ({ at: r.at, row: r.brokers.find((b) => b.nodeId === nodeId) }));
    // a figure unreliable in any reading of the window is unreliable in all of them
    const unreliable = new Set(rows.flatMap(({ row }) => row?.unreliable ?? []));
    const metrics = Object.fromEntries(
      BROKER_METRIC_KEYS.map((key) => {
        const points = unreliable.has(key) ? [] : rows.flatMap(({ at, row }) => (row && row[key] !== null ? [{ at, v: row[key] }] : []));
        const earlier = points.filter((p) => p.at < recentFrom).map((p) => p.v);
        const recent = points.filter((p) => p.at >= recentFrom).map((p) => p.v);
        const newestRow = lastOk.brokers.find((b) => b.nodeId === nodeId);
        const trend: MetricTrend = {
          latest: unreliable.has(key) ? null : (newestRow?.[key] ?? null),
          baseline: earlier.length >= MIN_BASELINE_READINGS ? round(median(earlier)) : null,
          recent: round(median(recent.length ? recent : points.slice(-1).map((p) => p.v))),
        };
        return [key, trend];
      }),
    ) as Record<BrokerMetricKey, MetricTrend>;
    return { nodeId, metrics };
  });
  return { ...base, brokers };
}
