import "server-only";
import { prometheusConfigFrom } from "@/lib/domain/broker-metrics/config";
import { env, prometheusVariables, type Env } from "../env";
import { kafkaConfigOf, readClustersFile, type ConfiguredCluster, type KafkaClientSettings } from "./read-clusters-file";

/**
 * The Kafka clusters this server watches: those of RIPCORD_CLUSTERS_FILE, or the one of
 * KAFKA_BROKERS (named KAFKA_CLUSTER_NAME), or none. Read once per process, at start-up
 * (lib/server/startup.ts), so a mistake in the file stops the server with one message naming
 * its line instead of failing on the first request. Secrets are resolved here, from the
 * environment variable or file the clusters file names, and live only in the Kafka client
 * configuration: never in the database, an API response or a log line.
 */
export { ClustersFileError, type ConfiguredCluster } from "./read-clusters-file";

interface Loaded {
  clusters: ConfiguredCluster[];
  defaultCluster: string | null;
}

/** Loaded per environment: tests that change the environment (resetEnvForTests) get the clusters of the new one. */
const KEY = Symbol.for("ripcord.clusters");
const holder = globalThis as typeof globalThis & { [KEY]?: { env: Env; loaded: Loaded } };

function clientSettings(e: Env): KafkaClientSettings {
  return { clientId: e.KAFKA_CLIENT_ID, connectTimeoutMs: e.KAFKA_CONNECT_TIMEOUT_MS, requestTimeoutMs: e.KAFKA_REQUEST_TIMEOUT_MS, retries: 1 };
}

/** Reads and checks a clusters file with this server's environment (see readClustersFile). */
export function loadClustersFile(file: string, e: Env = env(), environ: NodeJS.ProcessEnv = process.env): { clusters: ConfiguredCluster[]; defaultCluster: string } {
  return readClustersFile(file, clientSettings(e), prometheusVariables(e), environ);
}

function load(e: Env): Loaded {
  if (e.RIPCORD_CLUSTERS_FILE) return loadClustersFile(e.RIPCORD_CLUSTERS_FILE, e);
  if (!e.KAFKA_BROKERS) return { clusters: [], defaultCluster: null };
  const sasl = e.KAFKA_SASL_MECHANISM && e.KAFKA_SASL_USERNAME && e.KAFKA_SASL_PASSWORD ? { mechanism: e.KAFKA_SASL_MECHANISM, username: e.KAFKA_SASL_USERNAME, password: e.KAFKA_SASL_PASSWORD } : null;
  const tls = e.KAFKA_SSL ? { caFile: e.KAFKA_SSL_CA_FILE, certFile: e.KAFKA_SSL_CERT_FILE, keyFile: e.KAFKA_SSL_KEY_FILE, rejectUnauthorized: e.KAFKA_SSL_REJECT_UNAUTHORIZED } : null;
  return {
    clusters: [{ name: e.KAFKA_CLUSTER_NAME, environment: null, kafka: kafkaConfigOf(clientSettings(e), { brokers: e.KAFKA_BROKERS.split(","), tls }, sasl), prometheus: prometheusConfigFrom(prometheusVariables(e)), source: "KAFKA_BROKERS" }],
    defaultCluster: e.KAFKA_CLUSTER_NAME,
  };
}

function loaded(): Loaded {
  const e = env();
  const held = holder[KEY];
  if (held?.env === e) return held.loaded;
  const fresh = load(e);
  holder[KEY] = { env: e, loaded: fresh };
  return fresh;
}

/** Every configured cluster, the default first. Throws ClustersFileError for a bad clusters file. */
export function configuredClusters(): readonly ConfiguredCluster[] {
  const l = loaded();
  return [...l.clusters].sort((a, b) => Number(b.name === l.defaultCluster) - Number(a.name === l.defaultCluster));
}

/** The cluster used where nothing names one; null when no cluster is configured. */
export function defaultClusterName(): string | null {
  return loaded().defaultCluster;
}

export function findCluster(name: string): ConfiguredCluster | undefined {
  return loaded().clusters.find((c) => c.name === name);
}
