/**
 * Evidence benchmark: a growth series.
 *
 *   npm run bench:evidence [-- --sizes 1000,5000,10000,25000] [--runs N] [--brokers HOST:PORT] [--no-server] [--kafka-runs N] [--nodes 1|3]
 *
 * Without --brokers it starts its own Kafka (the run's release, KAFKA_HEAP_MAX 3g per node; one
 * node, or three with --nodes 3 — the default when a size exceeds MAX_PARTITIONS_PER_BROKER: a
 * broker keeps one file open per partition, and a machine's open-file limit (20,000 here, not
 * raisable) made a single broker fail "Too many open files" near 20k partitions)
 * on BENCH_KAFKA_PORT (default 10300 + RIPCORD_PORT_OFFSET; its controller, SASL and JMX ports +100, +200, +300 are clear of the test clusters) and stops it at the end. For each size P
 * (partitions, in growing order) it makes sure P/10 topics of 10 partitions (grow-t-00000…) and
 * P/10 consumer groups (grow-g-00000…, group i committed on topic i, some records behind) exist —
 * created once, grown in place for the next size — and measures in the same run:
 *
 *   warm     a full snapshot through the in-process gateway reused (one long-lived admin
 *            connection, as the server's sampler holds it): first call discarded, then N calls;
 *            its request count;
 *   server   `next start` pointed at the cluster (skip with --no-server): the sampler's own
 *            snapshot time over N collections, GET /api/cluster latency, the server process
 *            group's RSS, and the history it persisted per hour (over ≥ 130 s, two keyframes),
 *            while a trickle producer moves every partition's log end every 5 s;
 *   kafka    Apache Kafka's ConsumerGroupCommand --describe --all-groups of the same release;
 *   cold     (first size only) the evidence CLI as npm runs it (compiled, `--window 0 --json`).
 *
 * Prints one table, the ratios and the goals (25k partitions / 2.5k groups: warm < 2 s and
 * ≥ 20x faster than ConsumerGroupCommand; cold CLI < 1 s), writes data/bench-evidence.json.
 * A benchmark, not a test: it prints figures and exits 0 whatever they are.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Kafka, logLevel, type Admin, type Producer } from "kafkajs";
import { KafkajsGateway } from "@/lib/server/kafka/kafkajs-gateway";
import { bootstrapServers, down, kafkaSettings, resolveClasspath, up } from "../kafka/local-kafka.mjs";
import { portOf } from "../lib/ports.mjs";
import { probeServer, type ServerFigures } from "./server-probe";

const PARTITIONS_PER_TOPIC = 10;
const RECORDS_PER_PARTITION = 20;
const COMMITTED = 15;
const topicName = (i: number) => `grow-t-${String(i).padStart(5, "0")}`;
const groupName = (i: number) => `grow-g-${String(i).padStart(5, "0")}`;

interface Args {
  sizes: number[];
  runs: number;
  kafkaRuns: number;
  brokers: string | null;
  server: boolean;
  nodes: 1 | 3 | null;
}

/** Partitions one local broker is given at most (see the header: open files). */
const MAX_PARTITIONS_PER_BROKER = 15_000;

function parseArgs(argv: string[]): Args {
  const args: Args = { sizes: [1_000, 5_000, 10_000, 25_000], runs: 5, kafkaRuns: 1, brokers: null, server: true, nodes: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const next = () => argv[++i] ?? "";
    if (flag === "--sizes") args.sizes = next().split(",").map(Number).filter((n) => n >= PARTITIONS_PER_TOPIC).sort((a, b) => a - b);
    else if (flag === "--runs") args.runs = Math.max(1, Number(next()));
    else if (flag === "--kafka-runs") args.kafkaRuns = Math.max(1, Number(next()));
    else if (flag === "--brokers") args.brokers = next();
    else if (flag === "--no-server") args.server = false;
    else if (flag === "--nodes") {
      const n = Number(next());
      if (n !== 1 && n !== 3) throw new Error("--nodes takes 1 or 3");
      args.nodes = n;
    }
    else throw new Error(`unknown flag ${flag}`);
  }
  if (args.sizes.length === 0) throw new Error("--sizes needs partition counts of at least 10");
  return args;
}

const say = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function inBatches<T>(items: T[], size: number, work: (batch: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await work(items.slice(i, i + size));
}

/** Retries set-up calls a busy broker turns down (coordinator loading, leaders moving). */
async function patiently<T>(work: () => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(1_000 * attempt);
    }
  }
}

/** Grows the cluster to `topics` topics and groups (creates only what is missing). */
async function growTo(admin: Admin, kafka: Kafka, topics: number): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = Array.from({ length: topics }, (_, i) => i).filter((i) => !existing.has(topicName(i)));
  if (missing.length > 0) {
    say(`creating ${missing.length} topics × ${PARTITIONS_PER_TOPIC} partitions…`);
    await inBatches(missing, 100, async (batch) => {
      await patiently(() =>
        admin.createTopics({ topics: batch.map((i) => ({ topic: topicName(i), numPartitions: PARTITIONS_PER_TOPIC, replicationFactor: 1 })), waitForLeaders: false, timeout: 120_000 }),
      ).catch((error: Error) => {
        if (!/already exists/i.test(error.message)) throw error;
      });
    });
    say(`producing ${RECORDS_PER_PARTITION} records to each new partition…`);
    const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 12, initialRetryTime: 500, maxRetryTime: 5_000 } });
    await producer.connect();
    try {
      // Leaders of just-created partitions can take a while to settle on a loaded broker
      // (1,500 topics at once answered NOT_LEADER past the producer's own retries).
      await inBatches(missing, 25, async (batch) => {
        await patiently(() => producer.sendBatch({
          acks: 1,
          topicMessages: batch.map((i) => ({
            topic: topicName(i),
            messages: Array.from({ length: PARTITIONS_PER_TOPIC * RECORDS_PER_PARTITION }, (_, n) => ({ partition: n % PARTITIONS_PER_TOPIC, value: `r${n}` })),
          })),
        }));
      });
    } finally {
      await producer.disconnect();
    }
  }
  const groups = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
  const missingGroups = Array.from({ length: topics }, (_, i) => i).filter((i) => !groups.has(groupName(i)));
  if (missingGroups.length === 0) return;
  say(`committing offsets for ${missingGroups.length} groups…`);
  await inBatches(missingGroups, 20, async (batch) => {
    await Promise.all(
      batch.map((i) =>
        patiently(() => admin.setOffsets({ groupId: groupName(i), topic: topicName(i), partitions: Array.from({ length: PARTITIONS_PER_TOPIC }, (_, partition) => ({ partition, offset: String(COMMITTED) })) })),
      ),
    );
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ ms: number; ok: boolean; stdout: string; note?: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("close", (code) => {
      const stderr = Buffer.concat(err).toString().trim();
      resolve({ ms: performance.now() - started, ok: code === 0, stdout: Buffer.concat(out).toString(), note: code === 0 ? undefined : stderr.split("\n").slice(-2).join(" ") });
    });
  });
}

function median(values: number[]): number {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

const fmt = (ms: number) => (!Number.isFinite(ms) ? "—" : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const mib = (b: number | null | undefined) => (b === null || b === undefined ? "—" : `${(b / (1 << 20)).toFixed(0)} MiB`);

/** Writes one record to every partition of the bench topics every `everyMs` until stopped. */
function trickle(kafka: Kafka, topics: number, everyMs: number): { stop: () => Promise<void> } {
  let running = true;
  let producer: Producer | null = null;
  const loop = (async () => {
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    while (running) {
      const started = Date.now();
      await inBatches(Array.from({ length: topics }, (_, i) => i), 250, async (batch) => {
        await producer!.sendBatch({ acks: 1, topicMessages: batch.map((i) => ({ topic: topicName(i), messages: Array.from({ length: PARTITIONS_PER_TOPIC }, (_, p) => ({ partition: p, value: "t" })) })) });
      }).catch(() => undefined);
      await sleep(Math.max(0, everyMs - (Date.now() - started)));
    }
    await producer.disconnect();
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

interface Row {
  partitions: number;
  topics: number;
  groups: number;
  warmMs: number;
  warmRuns: number[];
  requests: number | null;
  server: ServerFigures | null;
  persistedBytesPerHour: number | null;
  kafkaMs: number;
  kafkaRows: number | null;
  kafkaNote?: string;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const nodes = args.nodes ?? (Math.max(...args.sizes) > MAX_PARTITIONS_PER_BROKER ? 3 : 1);
  if (!args.brokers && nodes === 3 && args.nodes === null) say(`${Math.max(...args.sizes)} partitions: three brokers (one broker keeps a file open per partition; the open-file limit caps it near 20k)`);
  const settings = kafkaSettings({ ...process.env, KAFKA_PORT: String(portOf("BENCH_KAFKA_PORT", 10300)), KAFKA_NODES: String(nodes), KAFKA_HEAP_MAX: process.env.KAFKA_HEAP_MAX || "3g" });
  let startedKafka = false;
  if (!args.brokers) {
    startedKafka = (await up(settings, say)).started;
    args.brokers = bootstrapServers(settings);
  }
  const brokers = args.brokers.split(",");
  const kafka = new Kafka({ brokers, clientId: "ripcord-bench-setup", logLevel: logLevel.NOTHING, requestTimeout: 120_000, retry: { retries: 5 } });
  const admin = kafka.admin();
  await admin.connect();
  const classpath = resolveClasspath(kafkaSettings(), () => {});
  const rows: Row[] = [];
  let cold: { runs: number[]; failures: string[] } | null = null;
  try {
    for (const partitions of args.sizes) {
      const topics = Math.floor(partitions / PARTITIONS_PER_TOPIC);
      const setupStarted = performance.now();
      await growTo(admin, kafka, topics);
      say(`— ${partitions} partitions / ${topics} groups ready (${fmt(performance.now() - setupStarted)})`);
      // Everything, as the server's sampler collects it (the bench cluster holds only the bench's topics).
      const selection = {};

      const gateway = new KafkajsGateway({ brokers, clientId: "ripcord-bench", connectTimeoutMs: 5_000, requestTimeoutMs: 60_000, retries: 1 });
      const first = await gateway.collectSnapshot(selection);
      const benchTopics = first.topics.filter((t) => t.name.startsWith("grow-t-")).length;
      const benchGroups = first.groups.filter((g) => g.groupId.startsWith("grow-g-")).length;
      if (benchTopics !== topics || benchGroups !== topics) say(`warning: snapshot saw ${first.topics.length} topics and ${first.groups.length} groups; warnings: ${first.warnings.slice(0, 3).join("; ")}`);
      const warmRuns: number[] = [];
      let requests: number | null = null;
      for (let i = 0; i < args.runs; i++) {
        const started = performance.now();
        const snap = await gateway.collectSnapshot(selection);
        warmRuns.push(performance.now() - started);
        requests = snap.requestCount ?? null;
      }
      await gateway.close();

      if (!cold) {
        // The evidence CLI as npm runs it (compiled), against this small cluster.
        cold = { runs: [], failures: [] };
        for (let i = 0; i < Math.min(args.runs, 5); i++) {
          const r = await run(process.execPath, ["-C", "react-server", "scripts/cli/run.mjs", "evidence", "--brokers", args.brokers, "--window", "0", "--json", "--timeout", "10000"], { ...process.env, KAFKA_REQUEST_TIMEOUT_MS: "60000" });
          if (r.ok) cold.runs.push(r.ms);
          else cold.failures.push(r.note ?? "failed");
        }
      }

      let server: ServerFigures | null = null;
      if (args.server) {
        const load = trickle(kafka, topics, 5_000);
        try {
          server = await probeServer(args.brokers, args.runs, say, { minSeconds: 130 });
        } finally {
          await load.stop();
        }
      }

      const kafkaRuns: number[] = [];
      let kafkaRows: number | null = null;
      let kafkaNote: string | undefined;
      for (let i = 0; i < args.kafkaRuns; i++) {
        const r = await run("java", ["-Xmx2g", "-cp", classpath, "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "--bootstrap-server", args.brokers, "--describe", "--all-groups"]);
        if (r.ok) {
          kafkaRuns.push(r.ms);
          kafkaRows = r.stdout.split("\n").filter((l) => l.startsWith("grow-g-")).length;
        } else kafkaNote = r.note;
      }
      const persistedBytesPerHour = server?.persisted && server.persisted.seconds > 0 ? (server.persisted.bytes / server.persisted.seconds) * 3600 : null;
      const row: Row = { partitions, topics, groups: topics, warmMs: median(warmRuns), warmRuns, requests, server, persistedBytesPerHour, kafkaMs: median(kafkaRuns), kafkaRows, kafkaNote };
      rows.push(row);
      say(
        `${partitions} partitions: warm ${fmt(row.warmMs)} (${requests} requests), server ${fmt(median(server?.snapshotMs ?? []))}, RSS ${mib(server?.rssBytes)}, ` +
          `persisted ${mib(persistedBytesPerHour)}/h, ConsumerGroupCommand ${fmt(row.kafkaMs)}${kafkaNote ? ` (${kafkaNote})` : ""}`,
      );
    }
  } finally {
    await admin.disconnect();
    if (startedKafka && !process.env.KEEP_KAFKA) await down(settings, {}, say);
  }

  const largest = rows[rows.length - 1]!;
  const coldMs = median(cold?.runs ?? []);
  const warmOf = (r: Row) => (r.server ? median(r.server.snapshotMs) : r.warmMs);
  const lines = [
    `Kafka ${kafkaSettings().version}, ${brokers.length} broker(s); warm = in-process gateway reused; server = the running server's sampler (trickle producer on)`,
    "",
    "| partitions | groups | warm snapshot | requests | server snapshot | GET /api/cluster | server RSS | persisted / hour | ConsumerGroupCommand | CGC / warm |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) =>
      `| ${r.partitions} | ${r.groups} | ${fmt(r.warmMs)} | ${r.requests ?? "—"} | ${fmt(median(r.server?.snapshotMs ?? []))} | ${fmt(median(r.server?.apiMs ?? []))} | ${mib(r.server?.rssBytes)} | ${mib(r.persistedBytesPerHour)} | ${fmt(r.kafkaMs)} | ${(r.kafkaMs / warmOf(r)).toFixed(1)}x |`,
    ),
    "",
    `cold evidence CLI (compiled, ${args.sizes[0]} partitions): median ${fmt(coldMs)} over ${cold?.runs.length ?? 0} runs${cold?.failures.length ? ` (${cold.failures.length} failed: ${cold.failures[0]})` : ""}`,
    `goals at ${largest.partitions} partitions / ${largest.groups} groups: warm < 2 s ${warmOf(largest) < 2000 ? "met" : "MISSED"} (${fmt(warmOf(largest))}); ≥ 20x faster than ConsumerGroupCommand ${largest.kafkaMs / warmOf(largest) >= 20 ? "met" : "MISSED"} (${(largest.kafkaMs / warmOf(largest)).toFixed(1)}x); cold CLI < 1 s ${coldMs < 1000 ? "met" : "MISSED"}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  fs.mkdirSync("data", { recursive: true });
  fs.writeFileSync(path.join("data", "bench-evidence.json"), `${JSON.stringify({ at: new Date().toISOString(), kafkaVersion: kafkaSettings().version, rows, cold }, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say(`bench:evidence: ${(error as Error).message}`);
    process.exit(1);
  },
);
