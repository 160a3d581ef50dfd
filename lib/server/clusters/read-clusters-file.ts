import { readFileSync } from "node:fs";
import path from "node:path";
import { prometheusConfigFrom, type PrometheusConfig } from "@/lib/domain/broker-metrics/config";
import { describeClustersFileErrors, parseClustersFile, type ClusterDefinition, type ClusterEnvironment } from "@/lib/domain/clusters/clusters-file";
import type { YamlFileError } from "@/lib/domain/yaml/located";
import type { KafkaClusterConfig } from "../kafka/gateway";

/**
 * Reading a clusters file into Kafka client configurations, secrets resolved. Shared by the
 * server (configured-clusters.ts, which adds the environment it was started with) and the
 * evidence CLI (`--cluster NAME`), so this file must not import "server-only" (the CLI runs
 * under plain Node): everything it needs from the environment comes in as arguments.
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

/** What a Kafka client needs besides the file: the process's client id and timeouts. */
export type KafkaClientSettings = Pick<KafkaClusterConfig, "clientId" | "connectTimeoutMs" | "requestTimeoutMs" | "retries">;

export function kafkaConfigOf(client: KafkaClientSettings, def: Pick<ClusterDefinition, "brokers" | "tls">, sasl: KafkaClusterConfig["sasl"]): KafkaClusterConfig {
  return {
    ...client,
    brokers: def.brokers,
    ssl: def.tls ? { ca: def.tls.caFile, cert: def.tls.certFile, key: def.tls.keyFile, rejectUnauthorized: def.tls.rejectUnauthorized } : null,
    sasl,
  };
}

/**
 * Reads and checks a clusters file: every mistake (in the file, or a secret it names that is
 * missing) with its line. `prometheusVariables` are the PROMETHEUS_* variables a cluster without
 * its own prometheusUrl falls back to; `environ` is where passwordEnv is looked up.
 */
export function readClustersFile(
  file: string,
  client: KafkaClientSettings,
  prometheusVariables: Record<string, string | undefined>,
  environ: NodeJS.ProcessEnv,
): { clusters: ConfiguredCluster[]; defaultCluster: string } {
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
    const prometheus = prometheusConfigFrom(def.prometheusUrl ? { ...prometheusVariables, PROMETHEUS_URL: def.prometheusUrl } : prometheusVariables);
    return { name: def.name, environment: def.environment, kafka: kafkaConfigOf(client, def, sasl), prometheus, source: "clusters-file" };
  });
  if (errors.length) throw new ClustersFileError(describeClustersFileErrors(shown, errors));
  return { clusters, defaultCluster: parsed.file.defaultCluster };
}
