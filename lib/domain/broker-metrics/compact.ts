/**
 * The stored form of a BrokerMetricsReading (one per evidence sample row): the figures and each
 * metric's state, without the PromQL and notes the catalog gives back on reading.
 */
import { metricDef } from "./catalog";
import type { BrokerMetricsReading, MetricAvailability } from "./types";

export interface CompactReading {
  at: number;
  url: string;
  error: BrokerMetricsReading["error"];
  brokers: BrokerMetricsReading["brokers"];
  topics: BrokerMetricsReading["topics"];
  /** [metric, state, via] */
  metrics: [MetricAvailability["key"], MetricAvailability["state"], string | null][];
  warnings: string[];
  durationMs: number;
}

export function compactReading(r: BrokerMetricsReading): CompactReading {
  return { at: r.at, url: r.url, error: r.error, brokers: r.brokers, topics: r.topics, metrics: r.metrics.map((m) => [m.key, m.state, m.via]), warnings: r.warnings, durationMs: r.durationMs };
}

export function expandReading(c: CompactReading): BrokerMetricsReading {
  return {
    source: "prometheus",
    at: c.at,
    url: c.url,
    error: c.error,
    brokers: c.brokers,
    topics: c.topics,
    metrics: c.metrics.map(([key, state, via]) => {
      const def = metricDef(key);
      const note = state === "not-exported" ? def.missing : state === "ok" ? (def.alternatives.find((a) => a.via === via)?.caveat ?? null) : null;
      return { key, state, via, query: null, note };
    }),
    warnings: c.warnings,
    durationMs: c.durationMs,
  };
}
