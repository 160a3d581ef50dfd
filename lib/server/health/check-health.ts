import "server-only";
import type { Health, KafkaHealth } from "@/lib/schemas/health";
import { pingDatabase } from "../db";
import { env } from "../env";
import { KafkaGatewayError } from "../kafka/errors";
import { getGateway } from "../kafka/registry";
import { configuredClusters } from "../clusters/configured-clusters";

const VERSION = process.env.npm_package_version ?? "0.1.0";

// Many browsers poll health every few seconds; one Kafka round trip per interval is enough.
const KAFKA_CACHE_MS = 2_000;
let cachedKafka: { at: number; value: Promise<KafkaHealth> } | null = null;

/** The default cluster's connection (KAFKA_BROKERS, or the clusters file's default; GET /api/clusters has every cluster's). */
async function probeKafka(): Promise<KafkaHealth> {
  const configured = configuredClusters()[0] ?? null;
  const checkedAt = new Date().toISOString();
  if (!configured) {
    return { status: "not-configured", brokers: null, brokerCount: null, clusterId: null, error: env().RIPCORD_CLUSTERS_FILE ? "the clusters file names no cluster" : "KAFKA_BROKERS is not set", checkedAt, latencyMs: null };
  }
  const brokers = configured.kafka.brokers.join(",");
  const started = Date.now();
  try {
    const cluster = await getGateway(configured.kafka).describeCluster();
    return { status: "connected", brokers, brokerCount: cluster.brokers.length, clusterId: cluster.clusterId, error: null, checkedAt, latencyMs: Date.now() - started };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const status = error instanceof KafkaGatewayError && error.code === "KAFKA_AUTH_FAILED" ? "auth-failed" : "unreachable";
    return { status, brokers, brokerCount: null, clusterId: null, error: message, checkedAt, latencyMs: null };
  }
}

export async function checkKafka(): Promise<KafkaHealth> {
  if (!cachedKafka || Date.now() - cachedKafka.at > KAFKA_CACHE_MS) {
    cachedKafka = { at: Date.now(), value: probeKafka() };
  }
  return cachedKafka.value;
}

export async function checkHealth(): Promise<Health> {
  const [database, kafka] = await Promise.all([
    pingDatabase().then(
      () => ({ status: "ok" as const, error: null }),
      (error: unknown) => ({ status: "error" as const, error: error instanceof Error ? error.message : String(error) }),
    ),
    checkKafka(),
  ]);
  return { status: database.status === "ok" && kafka.status === "connected" ? "ok" : "degraded", version: VERSION, database, kafka };
}
