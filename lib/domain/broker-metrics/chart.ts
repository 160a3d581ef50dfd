/**
 * Broker metric readings → the points of the broker latency charts (lib/schemas/broker-charts).
 * Pure: the readings come from Prometheus range queries or the stored evidence samples.
 */
import { formatDuration, utcClock } from "@/lib/domain/metrics/durations";
import { metricDef } from "./catalog";
import type { BrokerMetricsReading } from "./types";

/** One broker at one time (the API's shape: lib/schemas/broker-charts.ts). */
export interface BrokerChartPoint {
  at: number;
  nodeId: number;
  produceP99Ms: number | null;
  fetchP99Ms: number | null;
  requestQueueP99Ms: number | null;
  produceLocalP99Ms: number | null;
  logFlushP99Ms: number | null;
  requestIdlePct: number | null;
  networkIdlePct: number | null;
  bytesInPerSec: number | null;
  bytesOutPerSec: number | null;
}

export interface BrokerChartsView {
  state: "ok" | "stale" | "unavailable" | "not-configured";
  message: string | null;
  source: "prometheus" | "stored" | "none";
  window: { from: number; to: number };
  stepMs: number;
  newestAt: number | null;
  brokers: number[];
  points: BrokerChartPoint[];
  notExported: { key: string; note: string }[];
}

export const CHART_KEYS = [
  "produceP99Ms",
  "fetchP99Ms",
  "requestQueueP99Ms",
  "produceLocalP99Ms",
  "logFlushP99Ms",
  "requestIdlePct",
  "networkIdlePct",
  "bytesInPerSec",
  "bytesOutPerSec",
] as const satisfies readonly (keyof BrokerChartPoint)[];

/** At most this many points per broker: a step of window / MAX_POINTS, at least the floor. */
export const MAX_POINTS = 240;

export function chartStepMs(fromMs: number, toMs: number, floorMs: number): number {
  return Math.max(floorMs, Math.ceil((toMs - fromMs) / MAX_POINTS / 1000) * 1000);
}

/** A series whose newest point is older than this many steps (and 60 s) is stale: scrapes stopped. */
export const STALE_STEPS = 3;

export function chartPoints(readings: readonly BrokerMetricsReading[]): BrokerChartPoint[] {
  return readings
    .filter((r) => r.error === null)
    .flatMap((r) =>
      r.brokers.map((b) => {
        const point: BrokerChartPoint = { at: r.at, nodeId: b.nodeId, ...Object.fromEntries(CHART_KEYS.map((k) => [k, b[k]])) } as BrokerChartPoint;
        return point;
      }),
    )
    .filter((p) => CHART_KEYS.some((k) => p[k] !== null))
    .sort((a, b) => a.at - b.at || a.nodeId - b.nodeId);
}

/** Figures the newest answered reading says are not exported, with the catalog's how-to. */
export function notExportedOf(readings: readonly BrokerMetricsReading[]): BrokerChartsView["notExported"] {
  const last = [...readings].reverse().find((r) => r.error === null);
  if (!last) return [];
  return last.metrics
    .filter((m) => m.state === "not-exported" && (CHART_KEYS as readonly string[]).includes(m.key))
    .map((m) => ({ key: metricDef(m.key).title, note: m.note ?? metricDef(m.key).missing }));
}

export function chartView(input: {
  window: { from: number; to: number };
  stepMs: number;
  readings: readonly BrokerMetricsReading[];
  source: BrokerChartsView["source"];
  /** set when Prometheus did not answer the range queries */
  error: string | null;
}): BrokerChartsView {
  const points = chartPoints(input.readings);
  const newestAt = points.length ? points[points.length - 1]!.at : null;
  const brokers = [...new Set(points.map((p) => p.nodeId))].sort((a, b) => a - b);
  const base = { window: input.window, stepMs: input.stepMs, newestAt, brokers, points, notExported: notExportedOf(input.readings), source: input.source };
  const at = (ms: number) => utcClock(ms) + " UTC";
  if (input.error !== null) {
    const shown = points.length ? `showing the readings Ripcord stored with its evidence samples, newest ${at(newestAt!)} (${formatDuration((input.window.to - newestAt!) / 1000)} old)` : "no stored readings cover the window";
    return { ...base, state: "unavailable", message: `Prometheus does not answer (${input.error}): ${shown}.` };
  }
  const staleAfter = Math.max(60_000, STALE_STEPS * input.stepMs);
  if (newestAt === null || input.window.to - newestAt > staleAfter) {
    const since = newestAt === null ? "no broker series in this window" : `newest point ${at(newestAt)}`;
    return { ...base, state: "stale", message: `Prometheus answers but has no recent broker metrics (${since}): is it still scraping the brokers' JMX exporter?` };
  }
  return { ...base, state: "ok", message: null };
}

export const NOT_CONFIGURED_MESSAGE =
  "Broker metrics not visible: Ripcord reads them from Prometheus (PROMETHEUS_URL). Set it to a Prometheus that scrapes the brokers' JMX exporter (locally: npm run metrics:up, or npm start does it for the local Kafka).";
