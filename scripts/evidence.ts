/**
 * Evidence CLI (contracts.md §3):
 *   npm run --silent evidence -- --brokers HOST:PORT [--group G]... [--topic T]... [--window SECONDS] [--json]
 *   npm run --silent evidence -- --cluster NAME [--clusters-file PATH] [...same flags]
 * Extra flags: --timeout MS (connect timeout; default KAFKA_CONNECT_TIMEOUT_MS or 3000), --interval SECONDS.
 *
 * Samples the cluster every --interval seconds (default window/5, at least 1 s) over the window,
 * then prints the bundle (Markdown, or JSON with --json). Exit codes: 0 ok, 1 Kafka error (one line
 * on stderr), 2 bad arguments (one line naming the flag).
 *
 * With --cluster NAME the cluster is the one of that name in the clusters file (--clusters-file, else
 * RIPCORD_CLUSTERS_FILE), with its brokers, TLS, SASL (password from its passwordEnv/passwordFile)
 * and prometheusUrl, read by the server's own reader (lib/server/clusters/read-clusters-file.ts).
 * --cluster with --brokers, or a name the file does not define: one line naming the configured
 * clusters, exit 2.
 *
 * With --brokers, TLS/SASL come from the same variables as the server (KAFKA_SSL, KAFKA_SSL_*_FILE,
 * KAFKA_SASL_MECHANISM/USERNAME/PASSWORD, KAFKA_REQUEST_TIMEOUT_MS). This script reads them
 * directly because lib/server/env.ts carries `import "server-only"`, which throws under plain Node.
 *
 * Broker metrics: with PROMETHEUS_URL (and the server's other PROMETHEUS_* variables), every sample
 * also reads the brokers' figures from Prometheus at the sample's time, and range queries over the
 * --baseline seconds before the window (default 300) give their baseline; the JSON's `metrics`
 * says source "prometheus", or "none" without PROMETHEUS_URL. A Prometheus that cannot be read is
 * named in `metrics.error`, `warnings` and one stderr line; the Kafka evidence is printed anyway.
 */
import path from "node:path";
import { PrometheusConfigError, prometheusConfigFrom, type PrometheusConfig } from "@/lib/domain/broker-metrics/config";
import type { BrokerMetricsReading } from "@/lib/domain/broker-metrics/types";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { buildEvidenceBundle, renderEvidenceMarkdown } from "@/lib/domain/evidence/bundle";
import { ClustersFileError, readClustersFile, type ConfiguredCluster } from "@/lib/server/clusters/read-clusters-file";
import { KafkaGatewayError, toGatewayError } from "@/lib/server/kafka/errors";
import type { KafkaClusterConfig, SaslMechanism } from "@/lib/server/kafka/gateway";
import { KafkajsGateway } from "@/lib/server/kafka/kafkajs-gateway";
import { BrokerMetricsReader } from "@/lib/server/prometheus/broker-metrics-reader";

class UsageError extends Error {}

interface Args {
  brokers: string[];
  cluster: string | null;
  clustersFile: string | null;
  groups: string[];
  topics: string[];
  windowSeconds: number;
  intervalSeconds: number | null;
  json: boolean;
  timeoutMs: number | null;
  baselineSeconds: number;
}

const USAGE = "usage: evidence (--brokers HOST:PORT[,HOST:PORT] | --cluster NAME [--clusters-file PATH]) [--group G]... [--topic T]... [--window SECONDS] [--json] [--timeout MS] [--baseline SECONDS]";

function parseArgs(argv: string[]): Args {
  const args: Args = { brokers: [], cluster: null, clustersFile: null, groups: [], topics: [], windowSeconds: 10, intervalSeconds: null, json: false, timeoutMs: null, baselineSeconds: 300 };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.indexOf("=");
    const flag = raw.startsWith("--") && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith("--") && eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith("--"))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const seconds = (v: string, min: number): number => {
      const n = Number(v);
      if (!Number.isFinite(n) || n < min || n > 3600) throw new UsageError(`${flag} must be a number of seconds between ${min} and 3600 (got "${v}")`);
      return n;
    };
    switch (flag) {
      case "--brokers": {
        const v = value();
        if (!/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/.test(v)) throw new UsageError(`--brokers must be HOST:PORT[,HOST:PORT...] (got "${v}")`);
        args.brokers.push(...v.split(","));
        break;
      }
      case "--cluster":
        args.cluster = value();
        break;
      case "--clusters-file":
        args.clustersFile = value();
        break;
      case "--group":
        args.groups.push(value());
        break;
      case "--topic":
        args.topics.push(value());
        break;
      case "--window":
        args.windowSeconds = seconds(value(), 0);
        break;
      case "--interval":
        args.intervalSeconds = seconds(value(), 0.1);
        break;
      case "--baseline":
        args.baselineSeconds = seconds(value(), 0);
        break;
      case "--timeout": {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 100 || n > 120_000) throw new UsageError(`--timeout must be milliseconds between 100 and 120000 (got "${v}")`);
        args.timeoutMs = n;
        break;
      }
      case "--json":
        if (inline !== undefined) throw new UsageError("--json takes no value");
        args.json = true;
        break;
      case "--help":
      case "-h":
        throw new UsageError(USAGE);
      default:
        throw new UsageError(`unknown flag ${flag} (${USAGE.replace("usage: ", "")})`);
    }
  }
  if (args.brokers.length === 0 && args.cluster === null) throw new UsageError("--brokers or --cluster is required");
  if (args.clustersFile !== null && args.cluster === null) throw new UsageError("--clusters-file needs --cluster NAME");
  return args;
}

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} must be a positive integer (got "${v}")`);
  return n;
}

/** Where the clusters file is: --clusters-file, else RIPCORD_CLUSTERS_FILE; null when neither. */
function clustersFilePath(args: Args): string | null {
  return args.clustersFile ?? (process.env.RIPCORD_CLUSTERS_FILE || null);
}

/** The named cluster of the clusters file: its Kafka configuration and Prometheus. */
function namedCluster(args: Args, name: string): ConfiguredCluster {
  const file = clustersFilePath(args);
  if (file === null) throw new UsageError(`--cluster ${name} needs a clusters file: set RIPCORD_CLUSTERS_FILE or pass --clusters-file PATH`);
  let read: ReturnType<typeof readClustersFile>;
  try {
    read = readClustersFile(
      file,
      { clientId: `${process.env.KAFKA_CLIENT_ID || "ripcord"}-evidence`, connectTimeoutMs: args.timeoutMs ?? envInt("KAFKA_CONNECT_TIMEOUT_MS", 3000), requestTimeoutMs: envInt("KAFKA_REQUEST_TIMEOUT_MS", 5000), retries: 0 },
      Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("PROMETHEUS_"))),
      process.env,
    );
  } catch (error) {
    if (error instanceof ClustersFileError) throw new UsageError(error.message);
    throw error;
  }
  const configured = read.clusters.map((c) => c.name).join(", ");
  if (args.brokers.length > 0) throw new UsageError(`--cluster and --brokers exclude each other: pass one (clusters configured in ${path.basename(file)}: ${configured})`);
  const found = read.clusters.find((c) => c.name === name);
  if (!found) throw new UsageError(`cluster "${name}" is not in ${path.basename(file)} (configured: ${configured})`);
  // One attempt per bootstrap broker (at most 3), so an unreachable cluster fails fast.
  return { ...found, kafka: { ...found.kafka, retries: Math.min(found.kafka.brokers.length - 1, 2) } };
}

function clusterConfig(args: Args): KafkaClusterConfig {
  const flag = (name: string, fallback: boolean) => {
    const v = process.env[name];
    return v === undefined || v === "" ? fallback : ["true", "1", "yes"].includes(v);
  };
  const mechanism = process.env.KAFKA_SASL_MECHANISM || undefined;
  if (mechanism && !["plain", "scram-sha-256", "scram-sha-512"].includes(mechanism)) throw new UsageError(`KAFKA_SASL_MECHANISM must be plain, scram-sha-256 or scram-sha-512`);
  return {
    brokers: args.brokers,
    clientId: `${process.env.KAFKA_CLIENT_ID || "ripcord"}-evidence`,
    ssl: flag("KAFKA_SSL", false)
      ? {
          ca: process.env.KAFKA_SSL_CA_FILE || undefined,
          cert: process.env.KAFKA_SSL_CERT_FILE || undefined,
          key: process.env.KAFKA_SSL_KEY_FILE || undefined,
          rejectUnauthorized: flag("KAFKA_SSL_REJECT_UNAUTHORIZED", true),
        }
      : null,
    sasl: mechanism
      ? { mechanism: mechanism as SaslMechanism, username: process.env.KAFKA_SASL_USERNAME ?? "", password: process.env.KAFKA_SASL_PASSWORD ?? "" }
      : null,
    connectTimeoutMs: args.timeoutMs ?? envInt("KAFKA_CONNECT_TIMEOUT_MS", 3000),
    requestTimeoutMs: envInt("KAFKA_REQUEST_TIMEOUT_MS", 5000),
    // One attempt per bootstrap broker (at most 3), so an unreachable cluster fails fast.
    retries: Math.min(args.brokers.length - 1, 2),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(args: Args, config: KafkaClusterConfig, prometheus: PrometheusConfig | null): Promise<string> {
  const gateway = new KafkajsGateway(config);
  const metrics = prometheus ? new BrokerMetricsReader(prometheus) : null;
  try {
    // Broker metrics are read at the same instant as the Kafka collection and matched to its brokers.
    const collect = async () => {
      const at = Date.now();
      const reading = metrics?.fetch(at);
      const snapshot = await gateway.collectSnapshot({ groups: args.groups.length ? args.groups : undefined });
      if (metrics && reading) snapshot.brokerMetrics = metrics.assemble(await reading, snapshot.brokers);
      return snapshot;
    };
    const history: ClusterSnapshot[] = [await collect()];
    const first = history[0]!;
    let brokerReadings: BrokerMetricsReading[] = [];
    if (metrics && args.baselineSeconds > 0 && first.brokerMetrics?.error === null) {
      const stepMs = Math.max(1000, (args.intervalSeconds ?? 5) * 1000);
      brokerReadings = await metrics.readRange(first.takenAt - args.baselineSeconds * 1000, first.takenAt - stepMs, stepMs, first.brokers);
    }
    const windowMs = args.windowSeconds * 1000;
    const intervalMs = Math.max(1000, (args.intervalSeconds ?? args.windowSeconds / 5) * 1000);
    const start = history[0]!.takenAt;
    while (windowMs > 0 && Date.now() - start < windowMs) {
      await sleep(Math.min(intervalMs, start + windowMs - Date.now()));
      try {
        history.push(await collect());
      } catch (error) {
        history[history.length - 1]!.warnings.push(`sample failed: ${toGatewayError(error, config.brokers.join(",")).message}`);
      }
    }
    const latest = history[history.length - 1]!;
    const wanted: Record<string, number[]> = {};
    const ends = new Map(latest.topics.flatMap((t) => t.partitions.map((p) => [`${t.name}\0${p.partition}`, p.logEndOffset] as const)));
    for (const g of latest.groups) {
      for (const o of g.offsets) {
        const end = ends.get(`${o.topic}\0${o.partition}`);
        if (o.committedOffset !== null && end != null && end > o.committedOffset) (wanted[o.topic] ??= []).push(o.partition);
      }
    }
    for (const topic of Object.keys(wanted)) wanted[topic] = [...new Set(wanted[topic])];
    const timePoints = Object.keys(wanted).length ? await gateway.sampleOffsetTimes(wanted, latest.takenAt).catch(() => []) : [];
    const bundle = buildEvidenceBundle(history, {
      groups: args.groups.length ? args.groups : undefined,
      topics: args.topics.length ? args.topics : undefined,
      timePoints,
      brokerReadings,
    });
    if (bundle.metrics.error) process.stderr.write(`evidence: broker metrics unavailable: ${bundle.metrics.error}\n`);
    return args.json ? `${JSON.stringify(bundle, null, 2)}\n` : renderEvidenceMarkdown(bundle);
  } finally {
    await gateway.close();
  }
}

function main(): void {
  let args: Args;
  let config: KafkaClusterConfig;
  let prometheus: PrometheusConfig | null;
  try {
    args = parseArgs(process.argv.slice(2));
    if (args.cluster !== null) {
      const named = namedCluster(args, args.cluster);
      config = named.kafka;
      prometheus = named.prometheus;
    } else {
      config = clusterConfig(args);
      prometheus = prometheusConfigFrom(process.env);
    }
  } catch (error) {
    if (error instanceof PrometheusConfigError) {
      process.stderr.write(`evidence: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`evidence: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const where = config.brokers.join(",");
  // Last guard: the window plus generous room for connect and requests; never hang.
  const overallMs = args.windowSeconds * 1000 + config.connectTimeoutMs * 2 + config.requestTimeoutMs * 4 + (prometheus ? prometheus.timeoutMs * 8 : 0) + 2000;
  const guard = setTimeout(() => {
    process.stderr.write(`evidence: Kafka at ${where} did not answer within ${Math.round(overallMs / 1000)} s\n`);
    process.exit(1);
  }, overallMs);
  run(args, config, prometheus).then(
    (output) => {
      clearTimeout(guard);
      process.stdout.write(output, () => process.exit(0));
    },
    (error: unknown) => {
      clearTimeout(guard);
      const mapped = error instanceof KafkaGatewayError ? error : toGatewayError(error, where);
      process.stderr.write(`evidence: ${mapped.message}\n`);
      process.exit(1);
    },
  );
}

main();
