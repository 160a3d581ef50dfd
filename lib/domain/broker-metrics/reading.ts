/**
 * From Prometheus answers to a BrokerMetricsReading: match each series to a Kafka broker, pick
 * the value, and say per metric whether (and through which catalog alternative) it is exported.
 * Pure: the HTTP calls are lib/server/prometheus.
 */
import { BROKER_METRICS, DEFAULT_BROKER_LABELS, PERCENT_KEYS, TOPIC_BYTES_IN, metricDef, type QueryContext } from "./catalog";

/** An idle fraction past this (percent) is not a measurement (rate() overshoots 100 by a few %). */
export const IMPOSSIBLE_PCT = 110;
import { BROKER_METRIC_KEYS, type BrokerMetricKey, type BrokerMetricValues, type BrokerMetricsReading, type MetricAvailability, type MetricId, type PrometheusErrorCode, type TopicBytesIn } from "./types";

/** One series of an instant vector. */
export interface VectorSample {
  metric: Record<string, string>;
  value: number | null;
}

/** An instant query's `data` (resultType vector), values as Prometheus sends them (strings; NaN and ±Inf allowed). */
export function parseVector(data: unknown): VectorSample[] {
  const d = data as { resultType?: string; result?: { metric?: Record<string, string>; value?: [number, string] }[] } | null;
  if (!d || d.resultType !== "vector" || !Array.isArray(d.result)) throw new Error(`expected an instant vector, got ${d?.resultType ?? "nothing"}`);
  return d.result.map((r) => ({ metric: r.metric ?? {}, value: finite(r.value?.[1]) }));
}

/** A range query's `data` (resultType matrix): one series per label set, points in time order (epoch ms). */
export function parseMatrix(data: unknown): { metric: Record<string, string>; points: { at: number; value: number | null }[] }[] {
  const d = data as { resultType?: string; result?: { metric?: Record<string, string>; values?: [number, string][] }[] } | null;
  if (!d || d.resultType !== "matrix" || !Array.isArray(d.result)) throw new Error(`expected a range matrix, got ${d?.resultType ?? "nothing"}`);
  return d.result.map((r) => ({ metric: r.metric ?? {}, points: (r.values ?? []).map(([t, v]) => ({ at: Math.round(t * 1000), value: finite(v) })) }));
}

function finite(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

export interface KnownBroker {
  nodeId: number;
  host: string;
}

/** Labels kept by every aggregation: the broker label (configured first), the defaults, and instance. */
export function brokerLabels(configured: string | null | undefined): string[] {
  return [...new Set([...(configured ? [configured] : []), ...DEFAULT_BROKER_LABELS, "instance"])];
}

export function queryContext(opts: { selector?: string | null; rateWindow?: string | null; brokerLabel?: string | null }): QueryContext {
  return { selector: opts.selector ?? "", rateWindow: opts.rateWindow ?? "1m", by: brokerLabels(opts.brokerLabel) };
}

const idOf = (value: string): number | null => {
  const m = /^(\d+)$/.exec(value) ?? /[-_](\d+)$/.exec(value);
  return m ? Number(m[1]) : null;
};

/**
 * The node id a series belongs to: the first broker label with a number (a bare id, or a name
 * ending in -N such as a Strimzi pod), else the broker whose host is the series' instance host
 * (when exactly one is), else the only broker when the cluster has one; null when none fits.
 */
export function brokerIdOf(labels: Record<string, string>, brokers: readonly KnownBroker[], labelNames: readonly string[]): number | null {
  const known = new Set(brokers.map((b) => b.nodeId));
  for (const name of labelNames) {
    if (name === "instance") continue;
    const raw = labels[name];
    if (!raw) continue;
    const id = idOf(raw);
    if (id !== null && (known.size === 0 || known.has(id))) return id;
  }
  const host = labels.instance?.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  if (host) {
    const same = brokers.filter((b) => b.host === host);
    if (same.length === 1) return same[0]!.nodeId;
  }
  return brokers.length === 1 ? brokers[0]!.nodeId : null;
}

/** What the reader learned for one metric: the alternative that answered (index) and its series, or why none did. */
export type MetricAnswer =
  | { state: "ok"; alternative: number; query: string; samples: VectorSample[] }
  | { state: "not-exported"; query: string }
  | { state: "failed"; query: string; message: string };

export function availability(key: MetricId, answer: MetricAnswer): MetricAvailability {
  const def = metricDef(key);
  if (answer.state === "ok") {
    const alt = def.alternatives[answer.alternative];
    return { key, state: "ok", via: alt?.via ?? null, query: answer.query, note: alt?.caveat ?? null };
  }
  if (answer.state === "not-exported") return { key, state: "not-exported", via: null, query: answer.query, note: def.missing };
  return { key, state: "failed", via: null, query: answer.query, note: answer.message };
}

const emptyValues = (nodeId: number): BrokerMetricValues =>
  ({ nodeId, ...Object.fromEntries(BROKER_METRIC_KEYS.map((k) => [k, null])) }) as BrokerMetricValues;

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Assembles a reading from the answers of every catalog metric at time `at`. */
export function assembleReading(input: {
  at: number;
  url: string;
  answers: Partial<Record<MetricId, MetricAnswer>>;
  brokers: readonly KnownBroker[];
  labelNames: readonly string[];
  durationMs: number;
}): BrokerMetricsReading {
  const values = new Map<number, BrokerMetricValues>(input.brokers.map((b) => [b.nodeId, emptyValues(b.nodeId)]));
  const unmatched = new Set<string>();
  const unreliable = new Set<string>();
  const metrics: MetricAvailability[] = [];
  for (const def of BROKER_METRICS) {
    const key = def.key as BrokerMetricKey;
    const answer = input.answers[key] ?? { state: "failed" as const, query: "", message: "not queried" };
    metrics.push(availability(key, answer));
    if (answer.state !== "ok") continue;
    for (const s of answer.samples) {
      const id = brokerIdOf(s.metric, input.brokers, input.labelNames);
      if (id === null) {
        unmatched.add(s.metric.instance ?? JSON.stringify(s.metric));
        continue;
      }
      const row = values.get(id) ?? emptyValues(id);
      values.set(id, row);
      if (s.value === null) continue;
      if (PERCENT_KEYS.has(key) && s.value > IMPOSSIBLE_PCT) {
        // Kafka 3.x nodes running broker and controller mark both pools' idle time in one meter
        // (up to 200%): such a broker's idle % means nothing, even when it reads below 100.
        row.unreliable = [...new Set([...(row.unreliable ?? []), key])];
        unreliable.add(`broker ${id} reports ${metricDef(key).title} ${Math.round(s.value)}%`);
        continue;
      }
      // rate() extrapolation lets a fully idle pool read a little over 100%
      const v = PERCENT_KEYS.has(key) ? Math.min(100, Math.max(0, s.value)) : s.value;
      // Several series for one broker (e.g. two scrape jobs): keep the worst figure.
      const prev = row[key];
      row[key] = round(prev === null ? v : PERCENT_KEYS.has(key) ? Math.min(prev, v) : Math.max(prev, v));
    }
  }
  const topicAnswer = input.answers[TOPIC_BYTES_IN.key];
  let topics: TopicBytesIn[] = [];
  if (topicAnswer) {
    // Per-topic series appear with a topic's first traffic: with the broker totals there, none means idle topics.
    const idle = topicAnswer.state === "not-exported" && input.answers.bytesInPerSec?.state === "ok";
    metrics.push(idle ? { key: TOPIC_BYTES_IN.key, state: "ok", via: metricDef("bytesInPerSec").alternatives[0]!.via, query: topicAnswer.query, note: "no topic had traffic" } : availability(TOPIC_BYTES_IN.key, topicAnswer));
    if (topicAnswer.state === "ok") {
      topics = topicAnswer.samples
        .filter((s) => s.metric.topic && s.value !== null)
        .map((s) => ({ topic: s.metric.topic!, bytesInPerSec: round(s.value!) }))
        .sort((a, b) => b.bytesInPerSec - a.bytesInPerSec || a.topic.localeCompare(b.topic));
    }
  }
  const warnings = unmatched.size
    ? [`${unmatched.size} series could not be matched to a Kafka broker (${[...unmatched].slice(0, 3).join(", ")}): label each scrape target with the broker's node id (node_id, or PROMETHEUS_BROKER_LABEL)`]
    : [];
  if (unreliable.size) warnings.push(`${[...unreliable].join("; ")}: a Kafka 3.x node running broker and controller together counts both pools' idle time in one meter, so its idle % is not used`);
  for (const row of values.values()) for (const key of row.unreliable ?? []) row[key] = null;
  return {
    source: "prometheus",
    at: input.at,
    url: input.url,
    error: null,
    brokers: [...values.values()].sort((a, b) => a.nodeId - b.nodeId),
    topics,
    metrics,
    warnings,
    durationMs: input.durationMs,
  };
}

/** The reading of a Prometheus that could not be asked at all. */
export function failedReading(at: number, url: string, code: PrometheusErrorCode, message: string, durationMs: number): BrokerMetricsReading {
  return { source: "prometheus", at, url, error: { code, message }, brokers: [], topics: [], metrics: [], warnings: [], durationMs };
}
