/**
 * Shared bits of the drill CLIs (drill.ts, drills-report.ts, capture-fixtures.ts): argument
 * checks, the reachability probe, node control for the broker-down drill, and rendering.
 */
import type { RankedCause } from "@/lib/domain/diagnosis/types";
import { WORTH_INVESTIGATING } from "@/lib/domain/diagnosis/rank";
import { KafkajsGateway } from "@/lib/server/kafka/kafkajs-gateway";
import { PrometheusConfigError, prometheusConfigFrom } from "@/lib/domain/broker-metrics/config";
import { BrokerMetricsReader } from "@/lib/server/prometheus/broker-metrics-reader";
import { toGatewayError } from "@/lib/server/kafka/errors";
import type { NodeControl } from "@/lib/server/drills/kit";
import type { DrillVerdict } from "@/lib/server/drills/run-scenario";
import { kafkaSettings, runningCluster, startNode, stopNode } from "./kafka/local-kafka.mjs";

export class UsageError extends Error {}

export function parseBrokers(v: string | undefined, flag = "--brokers"): string[] {
  if (v === undefined || !/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/.test(v)) throw new UsageError(`${flag} must be HOST:PORT[,HOST:PORT...] (got "${v ?? ""}")`);
  return v.split(",");
}

export function defaultBrokers(): string[] {
  return parseBrokers(process.env.KAFKA_BROKERS || "127.0.0.1:9092", "KAFKA_BROKERS");
}

export function parseSeconds(flag: string, v: string | undefined, min: number, max: number): number {
  const n = Number(v);
  if (v === undefined || v.startsWith("--") || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`${flag} must be a number of seconds between ${min} and ${max} (got "${v ?? ""}")`);
  return n;
}

/** One cluster description or a one-line error naming the brokers. */
export async function probe(brokers: string[]): Promise<{ brokers: number }> {
  const gateway = new KafkajsGateway({ brokers, clientId: "ripcord-drill-probe", connectTimeoutMs: 3_000, requestTimeoutMs: 5_000, retries: 0 });
  try {
    const d = await gateway.describeCluster();
    return { brokers: d.brokers.length };
  } catch (error) {
    throw toGatewayError(error, brokers.join(","));
  } finally {
    await gateway.close().catch(() => undefined);
  }
}

/**
 * Node control when `brokers` is the local 3-node cluster of scripts/kafka (KAFKA_PORT = the
 * first broker's port, all three nodes alive); null otherwise (the broker-down drill is skipped).
 */
export function localNodeControl(brokers: string[]): NodeControl | null {
  const port = Number(brokers[0]?.split(":")[1]);
  if (!Number.isInteger(port)) return null;
  let settings;
  try {
    settings = kafkaSettings({ ...process.env, KAFKA_PORT: String(port), KAFKA_NODES: "3" });
  } catch {
    return null;
  }
  const state = runningCluster(settings);
  if (!state || state.nodes !== 3 || state.alive.length !== 3) return null;
  return {
    stop: async (id) => {
      await stopNode(settings, id);
    },
    start: (id) => startNode(settings, id),
  };
}

export const causeLabel = (c: RankedCause | undefined) => (c ? `${c.id} (${c.score.toFixed(2)})` : `(none past ${WORTH_INVESTIGATING})`);

export function describeVerdict(v: DrillVerdict): string {
  const causes = v.diagnosis.causes.slice(0, 3).map((c) => `${c.id} ${c.score.toFixed(2)}`).join(", ") || `no cause past ${WORTH_INVESTIGATING}`;
  return `${causes} | ${v.severity.level}`;
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

/** Broker metrics for the drills when PROMETHEUS_URL (and friends) are set, else null; a bad variable is a usage error. */
export function brokerMetricsFromEnv(): BrokerMetricsReader | null {
  try {
    const config = prometheusConfigFrom(process.env);
    return config ? new BrokerMetricsReader(config) : null;
  } catch (error) {
    if (error instanceof PrometheusConfigError) throw new UsageError(error.message);
    throw error;
  }
}

export const NEEDS_METRICS = "needs broker metrics: set PROMETHEUS_URL to a Prometheus scraping the brokers (locally: npm run metrics:up, then PROMETHEUS_URL=http://127.0.0.1:9090)";
