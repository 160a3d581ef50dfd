import { z } from "zod";
import { ClusterQuery } from "./cluster";

/**
 * Broker latency over a window (seed 000's second correlation: request latency beside storage
 * and network signals), from Prometheus range queries, or — when Prometheus does not answer —
 * the readings Ripcord stored with its evidence samples. Times epoch ms; figures in the units
 * their names say; null = no value at that point (not exported, or a gap).
 */
export const BrokerChartPoint = z.object({
  at: z.number(),
  nodeId: z.number().int(),
  produceP99Ms: z.number().nullable(),
  fetchP99Ms: z.number().nullable(),
  requestQueueP99Ms: z.number().nullable(),
  produceLocalP99Ms: z.number().nullable(),
  logFlushP99Ms: z.number().nullable(),
  requestIdlePct: z.number().nullable(),
  networkIdlePct: z.number().nullable(),
  bytesInPerSec: z.number().nullable(),
  bytesOutPerSec: z.number().nullable(),
});
export type BrokerChartPoint = z.infer<typeof BrokerChartPoint>;

export const BrokerChartsView = z.object({
  /**
   * ok: Prometheus answered for the window; stale: it answered, but its newest point is old
   * (scrapes stopped); unavailable: it did not answer (stored readings shown, if any);
   * not-configured: no PROMETHEUS_URL.
   */
  state: z.enum(["ok", "stale", "unavailable", "not-configured"]),
  /** what the state means for the reader, and how to fix it; null when ok. */
  message: z.string().nullable(),
  /** where the points come from. */
  source: z.enum(["prometheus", "stored", "none"]),
  window: z.object({ from: z.number(), to: z.number() }),
  stepMs: z.number().int(),
  newestAt: z.number().nullable(),
  brokers: z.array(z.number().int()),
  points: z.array(BrokerChartPoint),
  /** figures this Prometheus does not export (catalog titles), with how to export them. */
  notExported: z.array(z.object({ key: z.string(), note: z.string() })),
});
export type BrokerChartsView = z.infer<typeof BrokerChartsView>;

/** An incident's: `window` starts a lead-in before `incidentWindow` (the baseline to compare with). */
export const IncidentBrokerChartsView = BrokerChartsView.extend({ incidentWindow: z.object({ from: z.number(), to: z.number() }) });
export type IncidentBrokerChartsView = z.infer<typeof IncidentBrokerChartsView>;

export const BrokerChartsQuery = ClusterQuery.extend({
  /** minutes back from now (Cluster page), 1–1440; default 30 */
  minutes: z.coerce.number().int().min(1).max(24 * 60).optional(),
});
