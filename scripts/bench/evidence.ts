/**
 * Evidence benchmark (issue 3):  npm run bench:evidence  [-- --brokers HOST:PORT] [--runs N] [--setup-only]
 *
 * On the cluster at --brokers (default KAFKA_BROKERS, else 127.0.0.1:KAFKA_PORT), makes sure
 * 2,000 topics × 5 partitions (bench-t-0000…) and 1,000 consumer groups with committed offsets
 * (bench-g-0000…, group i on topic i, some records behind) exist — created once with batched
 * admin calls and reused when present — then measures in one run:
 *
 *   server warm, through the running server: `next start` pointed at the cluster; the sampler's
 *          own full-snapshot wall time and request count (GET /api/cluster's sampler state)
 *          over N collections after the first, and the latency of GET /api/cluster itself
 *          (skip with --no-server);
 *   warm   a full snapshot through the in-process gateway reused (one long-lived admin
 *          connection, as the server's sampler uses it): first call discarded, then N calls;
 *   cold   the evidence CLI spawned as a new process (`tsx -C react-server scripts/evidence.ts
 *          --window 0 --json`): one full snapshot including process start and connection;
 *   kafka  Apache Kafka's own ConsumerGroupCommand --describe --all-groups (kafka-tools of the
 *          same release, classpath from scripts/kafka/local-kafka.mjs resolveClasspath);
 *
 * and prints wall times (median, min, max), the request count of the snapshot, and the ratios.
 * A benchmark, not a test: it prints figures and exits 0 whatever they are.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Kafka, logLevel, type Admin } from "kafkajs";
import { KafkajsGateway } from "@/lib/server/kafka/kafkajs-gateway";
import { kafkaSettings, resolveClasspath } from "../kafka/local-kafka.mjs";
import { probeServer } from "./server-probe";

const TOPICS = 2_000;
const PARTITIONS = 5;
const GROUPS = 1_000;
const RECORDS_PER_GROUP_TOPIC = 20;
const COMMITTED = 15;

const topicName = (i: number) => `bench-t-${String(i).padStart(4, "0")}`;
const groupName = (i: number) => `bench-g-${String(i).padStart(4, "0")}`;

interface Args {
  brokers: string;
  runs: number;
  setupOnly: boolean;
  server: boolean;
}

function parseArgs(argv: string[]): Args {
  const settings = kafkaSettings();
  const args: Args = { brokers: process.env.KAFKA_BROKERS || `127.0.0.1:${settings.port}`, runs: 5, setupOnly: false, server: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--brokers") args.brokers = argv[++i] ?? args.brokers;
    else if (flag === "--runs") args.runs = Math.max(1, Number(argv[++i] ?? 5));
    else if (flag === "--setup-only") args.setupOnly = true;
    else if (flag === "--no-server") args.server = false;
    else throw new Error(`unknown flag ${flag}`);
  }
  return args;
}

const say = (line: string) => process.stderr.write(`${line}\n`);

async function inBatches<T>(items: T[], size: number, work: (batch: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await work(items.slice(i, i + size));
}

/** Retries set-up calls a busy fresh broker turns down (coordinator loading, leaders moving). */
async function patiently<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 1_000 * attempt));
    }
  }
}

/** Creates what is missing; reuses what exists (a second run only lists topics and groups). */
async function setUp(admin: Admin, kafka: Kafka): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = Array.from({ length: TOPICS }, (_, i) => topicName(i)).filter((t) => !existing.has(t));
  if (missing.length > 0) {
    say(`creating ${missing.length} topics × ${PARTITIONS} partitions…`);
    await inBatches(missing, 100, async (batch) => {
      // Not waitForLeaders: its metadata poll fails outright on a partition still loading; the
      // producer below retries until every leader serves.
      await admin.createTopics({ topics: batch.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })), waitForLeaders: false, timeout: 60_000 });
    });
  }
  const groups = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
  const missingGroups = Array.from({ length: GROUPS }, (_, i) => i).filter((i) => !groups.has(groupName(i)));
  if (missingGroups.length === 0) return;
  say(`producing ${RECORDS_PER_GROUP_TOPIC} records per partition to ${missingGroups.length} topics…`);
  // Fresh partitions may take a while to get leaders on a busy single node: retry patiently.
  const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 12, initialRetryTime: 500, maxRetryTime: 5_000 } });
  await producer.connect();
  try {
    await inBatches(missingGroups, 50, async (batch) => {
      await producer.sendBatch({
        acks: 1,
        topicMessages: batch.map((i) => ({
          topic: topicName(i),
          messages: Array.from({ length: PARTITIONS * RECORDS_PER_GROUP_TOPIC }, (_, n) => ({ partition: n % PARTITIONS, value: `r${n}` })),
        })),
      });
    });
  } finally {
    await producer.disconnect();
  }
  say(`committing offsets for ${missingGroups.length} groups…`);
  await inBatches(missingGroups, 20, async (batch) => {
    await Promise.all(
      batch.map((i) =>
        patiently(() =>
          admin.setOffsets({
            groupId: groupName(i),
            topic: topicName(i),
            partitions: Array.from({ length: PARTITIONS }, (_, partition) => ({ partition, offset: String(COMMITTED) })),
          }),
        ),
      ),
    );
  });
}

interface Timed {
  ms: number;
  requests?: number;
  ok: boolean;
  note?: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Timed & { stdout: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("close", (code) => {
      const ms = performance.now() - started;
      const stderr = Buffer.concat(err).toString().trim();
      resolve({ ms, ok: code === 0, stdout: Buffer.concat(out).toString(), note: code === 0 ? undefined : stderr.split("\n").slice(-2).join(" ") });
    });
  });
}

function stats(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]! };
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const brokers = args.brokers.split(",");
  const kafka = new Kafka({ brokers, clientId: "ripcord-bench-setup", logLevel: logLevel.NOTHING, requestTimeout: 60_000, retry: { retries: 3 } });
  const admin = kafka.admin();
  await admin.connect();
  const setupStarted = performance.now();
  await setUp(admin, kafka);
  await admin.disconnect();
  say(`setup ready in ${fmt(performance.now() - setupStarted)}`);
  if (args.setupOnly) return;

  // Warm: the gateway reused, as the server's sampler holds it.
  const gateway = new KafkajsGateway({ brokers, clientId: "ripcord-bench", connectTimeoutMs: 5_000, requestTimeoutMs: 30_000, retries: 1 });
  const first = await gateway.collectSnapshot();
  const warm: Timed[] = [];
  for (let i = 0; i < args.runs; i++) {
    const started = performance.now();
    const snap = await gateway.collectSnapshot();
    warm.push({ ms: performance.now() - started, requests: snap.requestCount, ok: true });
  }
  await gateway.close();
  const shape = {
    brokers: first.brokers.length,
    topics: first.topics.filter((t) => t.name.startsWith("bench-t-")).length,
    partitions: first.topics.reduce((n, t) => n + t.partitions.length, 0),
    groups: first.groups.length,
    groupsWithOffsets: first.groups.filter((g) => g.offsets.length > 0).length,
  };

  const server = args.server ? await probeServer(args.brokers, args.runs, say) : null;

  // Cold: the CLI as a new process (tsx start-up, connect, one snapshot, JSON out).
  const tsx = path.resolve("node_modules", ".bin", "tsx");
  const cold: Timed[] = [];
  for (let i = 0; i < Math.min(args.runs, 3); i++) {
    const r = await run(tsx, ["-C", "react-server", "scripts/evidence.ts", "--brokers", args.brokers, "--window", "0", "--json", "--timeout", "10000"], {
      ...process.env,
      KAFKA_REQUEST_TIMEOUT_MS: "30000",
    });
    cold.push({ ms: r.ms, ok: r.ok, note: r.note });
  }

  // Kafka's own tool, same release.
  const settings = kafkaSettings();
  const classpath = resolveClasspath(settings, () => {});
  const kafkaTool: Timed[] = [];
  for (let i = 0; i < Math.min(args.runs, 3); i++) {
    const r = await run("java", ["-cp", classpath, "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "--bootstrap-server", args.brokers, "--describe", "--all-groups"]);
    const lines = r.stdout.split("\n").filter((l) => l.startsWith("bench-g-")).length;
    kafkaTool.push({ ms: r.ms, ok: r.ok, note: r.ok ? `${lines} group-partition rows` : r.note });
  }

  const w = stats(warm.map((t) => t.ms));
  const sv = server ? stats(server.snapshotMs) : null;
  const api = server ? stats(server.apiMs) : null;
  // The "warm" is through the running server; without it, the in-process gateway.
  const warmMs = sv?.median ?? w.median;
  const c = stats(cold.filter((t) => t.ok).map((t) => t.ms).concat(cold.every((t) => !t.ok) ? [NaN] : []));
  const k = stats(kafkaTool.filter((t) => t.ok).map((t) => t.ms).concat(kafkaTool.every((t) => !t.ok) ? [NaN] : []));
  const result = {
    at: new Date().toISOString(),
    kafkaVersion: settings.version,
    brokers: args.brokers,
    cluster: shape,
    serverSnapshot: sv && server ? { ...sv, requests: server.requests, runs: server.snapshotMs.length } : null,
    serverApiCluster: api && server ? { ...api, runs: server.apiMs.length } : null,
    warmSnapshot: { ...w, requests: warm[0]?.requests ?? null, runs: warm.length },
    coldCli: { ...c, runs: cold.length, failures: cold.filter((t) => !t.ok).map((t) => t.note) },
    kafkaDescribeAllGroups: { ...k, runs: kafkaTool.length, notes: kafkaTool.map((t) => t.note) },
    ratios: {
      kafkaOverWarm: k.median / warmMs,
      kafkaOverCold: k.median / c.median,
    },
    goals: {
      warmUnder2s: warmMs < 2000,
      warmAtLeast10xFasterThanKafka: k.median / warmMs >= 10,
      coldFasterThanKafka: c.median < k.median,
    },
  };
  const lines = [
    `cluster: ${shape.brokers} broker(s), ${shape.topics} bench topics, ${shape.partitions} partitions, ${shape.groups} groups (${shape.groupsWithOffsets} with offsets); Kafka ${settings.version}`,
    ...(sv && api
      ? [
          `warm, through the running server: sampler snapshot median ${fmt(sv.median)} (min ${fmt(sv.min)}, max ${fmt(sv.max)}), ${server?.requests ?? "?"} Kafka requests`,
          `                                  GET /api/cluster median ${fmt(api.median)} (min ${fmt(api.min)}, max ${fmt(api.max)})`,
        ]
      : []),
    `warm snapshot (gateway reused in-process): median ${fmt(w.median)} (min ${fmt(w.min)}, max ${fmt(w.max)}), ${result.warmSnapshot.requests} Kafka requests`,
    `cold CLI (new process):         median ${fmt(c.median)} (min ${fmt(c.min)}, max ${fmt(c.max)})`,
    `kafka ConsumerGroupCommand --describe --all-groups: median ${fmt(k.median)} (min ${fmt(k.min)}, max ${fmt(k.max)})`,
    `ratios (warm = ${sv ? "server" : "in-process gateway"}): Kafka tool / warm = ${result.ratios.kafkaOverWarm.toFixed(1)}x, Kafka tool / cold CLI = ${result.ratios.kafkaOverCold.toFixed(2)}x`,
    `goals: warm < 2 s ${result.goals.warmUnder2s ? "met" : "MISSED"}; warm ≥ 10x Kafka ${result.goals.warmAtLeast10xFasterThanKafka ? "met" : "MISSED"}; cold < Kafka ${result.goals.coldFasterThanKafka ? "met" : "MISSED"}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  fs.mkdirSync("data", { recursive: true });
  fs.writeFileSync(path.join("data", "bench-evidence.json"), `${JSON.stringify(result, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say(`bench:evidence: ${(error as Error).message}`);
    process.exit(1);
  },
);
