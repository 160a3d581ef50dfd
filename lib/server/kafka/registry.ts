import "server-only";
import { createHash } from "node:crypto";
import { configuredClusters, findCluster } from "@/lib/server/clusters/configured-clusters";
import { clusterOf } from "@/lib/server/evidence/cluster-identity";
import type { KafkaClusterConfig, KafkaGateway } from "./gateway";
import { KafkaGatewayError } from "./errors";
import { KafkajsGateway } from "./kafkajs-gateway";

/**
 * One long-lived gateway (admin connection) per cluster, keyed by brokers + auth identity,
 * reused across requests. Kept on globalThis so Next's hot reload does not leak connections.
 * A gateway drops its connection after a network/auth failure and reconnects on the next call.
 */
type Registry = Map<string, KafkajsGateway>;
const KEY = Symbol.for("ripcord.kafka.registry");
const holder = globalThis as typeof globalThis & { [KEY]?: Registry };

function registry(): Registry {
  holder[KEY] ??= new Map();
  return holder[KEY];
}

/**
 * The Kafka client configuration of a configured cluster (the default one when no name is
 * given). Throws KafkaGatewayError when it is not configured, so callers answer 503 as for any
 * unreachable Kafka.
 */
export function clusterConfigOf(name?: string | null): KafkaClusterConfig {
  const cluster = clusterOf(name);
  const found = findCluster(cluster);
  if (found) return found.kafka;
  const all = configuredClusters().map((c) => c.name);
  throw new KafkaGatewayError("KAFKA_UNREACHABLE", all.length ? `cluster "${cluster}" is not configured (configured: ${all.join(", ")})` : "KAFKA_BROKERS is not set: no Kafka cluster configured");
}

/** Identity of a connection: brokers (order-insensitive), TLS, SASL mechanism, user and a hash of the password. */
export function clusterKey(config: KafkaClusterConfig): string {
  return JSON.stringify([
    [...config.brokers].sort(),
    config.clientId,
    config.ssl ? [config.ssl.ca ?? "", config.ssl.cert ?? "", config.ssl.rejectUnauthorized] : null,
    config.sasl ? [config.sasl.mechanism, config.sasl.username, createHash("sha256").update(config.sasl.password).digest("hex")] : null,
  ]);
}

export function getGateway(config: KafkaClusterConfig = clusterConfigOf()): KafkaGateway {
  const key = clusterKey(config);
  let gateway = registry().get(key);
  if (!gateway) {
    gateway = new KafkajsGateway(config);
    registry().set(key, gateway);
  }
  return gateway;
}

/** Closes every cached connection (tests, shutdown). */
export async function closeAllGateways(): Promise<void> {
  const all = [...registry().values()];
  registry().clear();
  await Promise.all(all.map((g) => g.close()));
}
