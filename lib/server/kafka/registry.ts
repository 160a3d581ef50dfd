import "server-only";
import { createHash } from "node:crypto";
import { env, type Env } from "@/lib/server/env";
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

export function clusterConfigFromEnv(e: Env = env()): KafkaClusterConfig {
  if (!e.KAFKA_BROKERS) {
    throw new KafkaGatewayError("KAFKA_UNREACHABLE", "KAFKA_BROKERS is not set: no Kafka cluster configured");
  }
  return {
    brokers: e.KAFKA_BROKERS.split(","),
    clientId: e.KAFKA_CLIENT_ID,
    ssl: e.KAFKA_SSL
      ? { ca: e.KAFKA_SSL_CA_FILE, cert: e.KAFKA_SSL_CERT_FILE, key: e.KAFKA_SSL_KEY_FILE, rejectUnauthorized: e.KAFKA_SSL_REJECT_UNAUTHORIZED }
      : null,
    sasl:
      e.KAFKA_SASL_MECHANISM && e.KAFKA_SASL_USERNAME && e.KAFKA_SASL_PASSWORD
        ? { mechanism: e.KAFKA_SASL_MECHANISM, username: e.KAFKA_SASL_USERNAME, password: e.KAFKA_SASL_PASSWORD }
        : null,
    connectTimeoutMs: e.KAFKA_CONNECT_TIMEOUT_MS,
    requestTimeoutMs: e.KAFKA_REQUEST_TIMEOUT_MS,
    retries: 1,
  };
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

export function getGateway(config: KafkaClusterConfig = clusterConfigFromEnv()): KafkaGateway {
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
