/**
 * The evidence bundle's `metrics` section (contracts.md §3): the newest broker figures Prometheus
 * gave within the history, when they were read, and what it could not give.
 */
import { metricDef } from "./catalog";
import { readingsOf } from "./signals";
import type { BrokerMetricValues, TopicBytesIn } from "./types";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";

export interface BundleMetrics {
  source: "prometheus" | "none";
  /** evaluation time of the figures (ISO-8601); null when none was read. */
  at: string | null;
  url: string | null;
  /** why the newest read failed (the figures, if any, are older: see `at`). */
  error: string | null;
  brokers: BrokerMetricValues[];
  topics: TopicBytesIn[];
  /** metrics this Prometheus does not have, and what that usually means. */
  notExported: { metric: string; note: string }[];
}

export function bundleMetrics(history: readonly ClusterSnapshot[]): BundleMetrics {
  const readings = readingsOf(history);
  const newest = readings[readings.length - 1];
  if (!newest) return { source: "none", at: null, url: null, error: null, brokers: [], topics: [], notExported: [] };
  const ok = [...readings].reverse().find((r) => r.error === null);
  return {
    source: "prometheus",
    at: ok ? new Date(ok.at).toISOString() : null,
    url: newest.url,
    error: newest.error?.message ?? null,
    brokers: ok?.brokers ?? [],
    topics: ok?.topics ?? [],
    notExported: (ok?.metrics ?? []).filter((m) => m.state !== "ok").map((m) => ({ metric: m.key, note: m.note ?? metricDef(m.key).missing })),
  };
}

/** One line for the bundle's warnings when broker metrics could not be read (or match no broker). */
export function metricsWarnings(m: BundleMetrics, history: readonly ClusterSnapshot[]): string[] {
  const out: string[] = [];
  if (m.error) out.push(`broker metrics unavailable: ${m.error}${m.at ? `; figures below are from ${m.at}` : ""}`);
  const newest = readingsOf(history).filter((r) => r.error === null).pop();
  out.push(...(newest?.warnings ?? []));
  return out;
}
