/**
 * Broker metrics read from Prometheus: one reading per evidence sample (the sampler's cadence),
 * attached to the ClusterSnapshot it was taken with, so it is kept, thinned, projected and
 * persisted with the evidence history. Pure data: the reader is lib/server/prometheus.
 */

/** Per-broker figures, in the units their names say. `null`: not exported, or no series for this broker. */
export const BROKER_METRIC_KEYS = [
  "produceP99Ms",
  "fetchP99Ms",
  "requestQueueP99Ms",
  "produceLocalP99Ms",
  "produceRemoteP99Ms",
  "requestIdlePct",
  "networkIdlePct",
  "bytesInPerSec",
  "bytesOutPerSec",
  "produceThrottleMs",
  "fetchThrottleMs",
  "requestErrorsPerSec",
  "underReplicatedPartitions",
  "underMinIsrPartitions",
  "logSizeBytes",
  "logFlushP99Ms",
] as const;
export type BrokerMetricKey = (typeof BROKER_METRIC_KEYS)[number];

export type BrokerMetricValues = { nodeId: number } & Record<BrokerMetricKey, number | null> & {
  /** figures this broker reports but that cannot be trusted (null above), e.g. idle over 100%. */
  unreliable?: BrokerMetricKey[];
};

export interface TopicBytesIn {
  topic: string;
  bytesInPerSec: number;
}

export type MetricId = BrokerMetricKey | "topicBytesInPerSec";

/** Whether this Prometheus has a metric, and through which of the catalog's alternatives. */
export interface MetricAvailability {
  key: MetricId;
  /** ok: a series answered; not-exported: no alternative has a series; failed: the query itself failed. */
  state: "ok" | "not-exported" | "failed";
  /** the exporter config whose names answered (catalog alternative), when ok. */
  via: string | null;
  /** the PromQL that answered (ok) or the first one tried. */
  query: string | null;
  /** what "not exported" means and how to export it, or why the query failed. */
  note: string | null;
}

export type PrometheusErrorCode = "PROMETHEUS_UNREACHABLE" | "PROMETHEUS_TIMEOUT" | "PROMETHEUS_AUTH_FAILED" | "PROMETHEUS_BAD_RESPONSE";

export interface BrokerMetricsReading {
  source: "prometheus";
  /** evaluation time of every query (epoch ms): the sample's time. */
  at: number;
  /** the Prometheus that was asked (no credentials). */
  url: string;
  /** set when Prometheus could not be read at all: the figures are empty. */
  error: { code: PrometheusErrorCode; message: string } | null;
  brokers: BrokerMetricValues[];
  /** bytes in per topic, summed over brokers (the busiest topics). */
  topics: TopicBytesIn[];
  metrics: MetricAvailability[];
  /** series that could not be matched to a broker, and similar notes. */
  warnings: string[];
  durationMs: number;
}
