import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PrometheusConfig } from "@/lib/domain/broker-metrics/config";
import { prometheusConfigFrom } from "@/lib/domain/broker-metrics/config";
import { describeClustersFileErrors, parseClustersFile, type ClusterDefinition, type ClusterEnvironment } from "@/lib/domain/clusters/clusters-file";
import type { YamlFileError } from "@/lib/domain/yaml/located";
import { env, prometheusVariables, type Env } from "../env";
import type { KafkaClusterConfig } from "../kafka/gateway";

/**
 * The Kafka clusters this server watches: those of RIPCORD_CLUSTERS_FILE, or the one of
 * KAFKA_BROKERS (named KAFKA_CLUSTER_NAME), or none. Read once per process, at start-up
 * (lib/server/startup.ts), so a mistake in the file stops the server with one message naming
 * its line instead of failing on the first request. Secrets are resolved here, from the
 * environment variable or file the clusters file names, and live only in the Kafka client
 * configuration: never in the database, an API response or a log line.
 */
export interface ConfiguredCluster {
  name: string;
  /** from the clusters file; null for the KAFKA_BROKERS shortcut (Settings → Clusters decides there) */
  environment: ClusterEnvironment | null;
  kafka: KafkaClusterConfig;
  /** this cluster's Prometheus (the file's prometheusUrl, else PROMETHEUS_URL), null when none */
  prometheus: PrometheusConfig | null;
  source: "clusters-file" | "KAFKA_BROKERS";
}

export class ClustersFileError extends Error {}

interface Loaded {
  clusters: ConfiguredCluster[];
  defaultCluster: string | null;
}

/** Loaded per environment: tests that change the environment (resetEnvForTests) get the clusters of the new one. */
const KEY = Symbol.for("ripcord.clusters");
const holder = globalThis as typeof globalThis & { [KEY]?: { env: Env; loaded: Loaded } };

function kafkaConfig(e: Env, def: Pick<ClusterDefinition, "brokers" | "tls">, sasl: KafkaClusterConfig["sasl"]): KafkaClusterConfig {
  return {
    brokers: def.brokers,
    clientId: e.KAFKA_CLIENT_ID,
    ssl: def.tls ? { ca: def.tls.caFile, cert: def.tls.certFile, key: def.tls.keyFile, rejectUnauthorized: def.tls.rejectUnauthorized } : null,
    sasl,
    connectTimeoutMs: e.KAFKA_CONNECT_TIMEOUT_MS,
    requestTimeoutMs: e.KAFKA_REQUEST_TIMEOUT_MS,
    retries: 1,
  };
}

/** Reads and checks a clusters file: every mistake (in the file, or a secret it names that is missing) with its line. */
export function loadClustersFile(file: string, e: Env = env(), environ: NodeJS.ProcessEnv = process.env): { clusters: ConfiguredCluster[]; defaultCluster: string } {
  const shown = path.basename(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ClustersFileError(`RIPCORD_CLUSTERS_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const parsed = parseClustersFile(text);
  if (!parsed.ok) throw new ClustersFileError(describeClustersFileErrors(shown, parsed.errors));
  const errors: YamlFileError[] = [];
  const clusters = parsed.file.clusters.map((def, i): ConfiguredCluster => {
    let sasl: KafkaClusterConfig["sasl"] = null;
    if (def.sasl) {
      const from = def.sasl.password;
      let password: string | undefined;
      if ("env" in from) {
        password = environ[from.env] || undefined;
        if (!password) errors.push({ line: def.line, column: 1, path: `clusters[${i}].sasl.passwordEnv`, message: `the environment variable ${from.env} is not set` });
      } else {
        try {
          password = readFileSync(path.resolve(path.dirname(file), from.file), "utf8").trim() || undefined;
          if (!password) errors.push({ line: def.line, column: 1, path: `clusters[${i}].sasl.passwordFile`, message: `${from.file} is empty` });
        } catch (error) {
          errors.push({ line: def.line, column: 1, path: `clusters[${i}].sasl.passwordFile`, message: `cannot read ${from.file} (${(error as NodeJS.ErrnoException).code ?? "error"})` });
        }
      }
      if (password) sasl = { mechanism: def.sasl.mechanism, username: def.sasl.username, password };
    }
    const prometheus = def.prometheusUrl ? prometheusConfigFrom({ ...prometheusVariables(e), PROMETHEUS_URL: def.prometheusUrl }) : prometheusConfigFrom(prometheusVariables(e));
    return { name: def.name, environment: def.environment, kafka: kafkaConfig(e, def, sasl), prometheus, source: "clusters-file" };
  });
  if (errors.length) throw new ClustersFileError(describeClustersFileErrors(shown, errors));
  return { clusters, defaultCluster: parsed.file.defaultCluster };
}

function load(e: Env): Loaded {
  if (e.RIPCORD_CLUSTERS_FILE) return loadClustersFile(e.RIPCORD_CLUSTERS_FILE, e);
  if (!e.KAFKA_BROKERS) return { clusters: [], defaultCluster: null };
  const sasl = e.KAFKA_SASL_MECHANISM && e.KAFKA_SASL_USERNAME && e.KAFKA_SASL_PASSWORD ? { mechanism: e.KAFKA_SASL_MECHANISM, username: e.KAFKA_SASL_USERNAME, password: e.KAFKA_SASL_PASSWORD } : null;
  const tls = e.KAFKA_SSL ? { caFile: e.KAFKA_SSL_CA_FILE, certFile: e.KAFKA_SSL_CERT_FILE, keyFile: e.KAFKA_SSL_KEY_FILE, rejectUnauthorized: e.KAFKA_SSL_REJECT_UNAUTHORIZED } : null;
  return {
    clusters: [{ name: e.KAFKA_CLUSTER_NAME, environment: null, kafka: kafkaConfig(e, { brokers: e.KAFKA_BROKERS.split(","), tls }, sasl), prometheus: prometheusConfigFrom(prometheusVariables(e)), source: "KAFKA_BROKERS" }],
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
