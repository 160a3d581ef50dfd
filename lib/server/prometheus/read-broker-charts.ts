import "server-only";
import { chartStepMs, chartView, NOT_CONFIGURED_MESSAGE, type BrokerChartsView } from "@/lib/domain/broker-metrics/chart";
import { readingsOf } from "@/lib/domain/broker-metrics/signals";
import { incidentWindow } from "@/lib/domain/review/impact";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { getSampler } from "../evidence/get-sampler";
import { getIncident } from "../incidents/get-incident";
import { findCluster } from "../clusters/configured-clusters";
import { clusterOf } from "../evidence/cluster-identity";
import { getBrokerMetricsReader, prometheusConfigFromEnv } from "./registry";

/** Never finer than this: the local Prometheus scrapes every 5 s. */
const STEP_FLOOR_MS = 5_000;

/**
 * Broker latency, storage and network signals over a window for the charts: Prometheus range
 * queries (its own history reaches before the incident), or, when it does not answer, the
 * readings the sampler stored with its evidence samples — said as such. Bounded by the reader's
 * timeouts: a slow or absent Prometheus never holds the page.
 */
export async function readBrokerCharts(window: { from: number; to: number }, cluster?: string | null): Promise<BrokerChartsView> {
  const stepMs = chartStepMs(window.from, window.to, STEP_FLOOR_MS);
  const name = clusterOf(cluster);
  const configured = findCluster(name);
  const reader = getBrokerMetricsReader(configured ? configured.prometheus : prometheusConfigFromEnv());
  if (!reader) {
    return { state: "not-configured", message: NOT_CONFIGURED_MESSAGE, source: "none", window, stepMs, newestAt: null, brokers: [], points: [], notExported: [] };
  }
  const sampler = getSampler(name);
  const known = sampler.latest()?.brokers ?? [];
  const { readings, error } = await reader.readRangeOrError(window.from, window.to, stepMs, known);
  if (error === null) return chartView({ window, stepMs, readings, source: "prometheus", error: null });
  const stored = await storedHistory(window, sampler);
  return chartView({ window, stepMs, readings: readingsOf(stored).filter((r) => r.at >= window.from && r.at <= window.to), source: "stored", error });
}

async function storedHistory(window: { from: number; to: number }, sampler: ReturnType<typeof getSampler>): Promise<readonly ClusterSnapshot[]> {
  const memory = sampler.history();
  const oldest = memory[0]?.takenAt ?? window.to;
  if (window.from >= oldest) return memory;
  const persisted = await sampler.persistedHistory(window.from, oldest).catch(() => []);
  return [...persisted, ...memory];
}

/** The baseline shown before the incident's window starts: latency "against what" at a glance. */
export const LEAD_IN_MS = 5 * 60_000;

/** The incident's window so far (impact start or detection or opening, to mitigation/resolution or now), after a lead-in. */
export async function readIncidentBrokerCharts(incidentId: string, now = Date.now()): Promise<BrokerChartsView & { incidentWindow: { from: number; to: number } }> {
  const { state } = await getIncident(incidentId);
  const w = incidentWindow(state.keyTimes, state.openedAt ?? new Date(now).toISOString(), now);
  return { ...(await readBrokerCharts({ from: w.from - LEAD_IN_MS, to: w.to })), incidentWindow: { from: w.from, to: w.to } };
}

/** The last `minutes` (Cluster page). */
export function readRecentBrokerCharts(cluster: string, minutes = 30, now = Date.now()): Promise<BrokerChartsView> {
  return readBrokerCharts({ from: now - minutes * 60_000, to: now }, cluster);
}
