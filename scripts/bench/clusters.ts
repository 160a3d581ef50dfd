/**
 * Sampling cost with three clusters vs one (issue 18).
 *
 *   npm run bench:clusters [-- --brokers HOST:PORT] [--seconds N] [--interval MS] [--topics N]
 *
 * Runs the server's own EvidenceSampler (lib/server/evidence/sampler.ts) in this process, one
 * per cluster, each with its own KafkajsGateway (its own connections), without a store (the
 * database write is not what is compared). Phase "1 cluster": one sampler for --seconds (default
 * 60); phase "3 clusters": three at once for as long. The clusters are ONE real local Kafka
 * (--brokers, else KAFKA_BROKERS, else the worktree's local Kafka on portOf 9092) reached under
 * three names: three more JVMs do not fit on this 2-core shared machine, so Kafka-side work
 * triples on one broker, while Ripcord-side every cluster costs what a separate one would. The
 * bench first makes --topics topics (default 50, 4 partitions, bench-clusters-t-NNN) with a group
 * each 5 records behind, deleted at the end, and runs a discarded warm-up phase (JIT, connections)
 * of --seconds / 3 before the measured ones.
 *
 * Figures per phase: CPU time of this process per sample (process.cpuUsage around the phase,
 * user + system, divided by the samples taken; the process does nothing else), the collection
 * time the sampler reports (p50/p95), and interval drift: the gap between a sampler's
 * consecutive samples minus the configured interval (--interval, default 2000 ms), p50/p95/max
 * over every sampler of the phase. Prints the load average beside them (the machine is shared).
 * A benchmark, not a test: it prints figures and exits 0 whatever they are.
 */
import os from "node:os";
import { Kafka, logLevel } from "kafkajs";
import { EvidenceSampler } from "@/lib/server/evidence/sampler";
import { KafkajsGateway } from "@/lib/server/kafka/kafkajs-gateway";
import { portOf } from "../lib/ports.mjs";

interface Args {
  brokers: string[];
  seconds: number;
  intervalMs: number;
  topics: number;
}

const PARTITIONS_PER_TOPIC = 4;
const topicName = (i: number) => `bench-clusters-t-${String(i).padStart(3, "0")}`;
const groupName = (i: number) => `bench-clusters-g-${String(i).padStart(3, "0")}`;

/** --topics topics of 4 partitions with 20 records each and a group per topic 5 records behind: something to sample. */
async function seed(args: Args): Promise<() => Promise<void>> {
  const kafka = new Kafka({ brokers: args.brokers, clientId: "ripcord-bench-clusters-seed", logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topics = Array.from({ length: args.topics }, (_, i) => topicName(i));
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length) await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: PARTITIONS_PER_TOPIC, replicationFactor: 1 })) });
  const producer = kafka.producer();
  await producer.connect();
  for (const topic of missing) {
    await producer.send({ topic, acks: -1, messages: Array.from({ length: 20 * PARTITIONS_PER_TOPIC }, (_, j) => ({ partition: j % PARTITIONS_PER_TOPIC, value: `r${j}` })) });
  }
  await producer.disconnect();
  for (const [i, topic] of topics.entries()) {
    if (missing.includes(topic)) await admin.setOffsets({ groupId: groupName(i), topic, partitions: Array.from({ length: PARTITIONS_PER_TOPIC }, (_, p) => ({ partition: p, offset: "15" })) });
  }
  return async () => {
    await admin.deleteGroups(topics.map((_, i) => groupName(i))).catch(() => undefined);
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  };
}

function parseArgs(argv: string[]): Args {
  const args: Args = { brokers: (process.env.KAFKA_BROKERS || `127.0.0.1:${portOf("KAFKA_PORT", 9092)}`).split(","), seconds: 60, intervalMs: 2000, topics: 50 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const next = () => argv[++i] ?? "";
    if (flag === "--brokers") args.brokers = next().split(",");
    else if (flag === "--seconds") args.seconds = Math.max(10, Number(next()));
    else if (flag === "--interval") args.intervalMs = Math.max(1000, Number(next()));
    else if (flag === "--topics") args.topics = Math.max(0, Number(next()));
    else throw new Error(`unknown flag ${flag}`);
  }
  return args;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const ms = (v: number | null) => (v === null ? "n/a" : `${Math.round(v)} ms`);

interface PhaseFigures {
  clusters: number;
  samples: number;
  failures: number;
  cpuMsPerSample: number | null;
  collectP50: number | null;
  collectP95: number | null;
  driftP50: number | null;
  driftP95: number | null;
  driftMax: number | null;
  load: number[];
}

async function phase(args: Args, clusters: number): Promise<PhaseFigures> {
  const samplers = Array.from({ length: clusters }, (_, i) => {
    const gateway = new KafkajsGateway({ brokers: args.brokers, clientId: `ripcord-bench-clusters-${i}`, ssl: null, sasl: null, connectTimeoutMs: 3000, requestTimeoutMs: 5000, retries: 1 });
    return { gateway, sampler: new EvidenceSampler({ cluster: `bench-${i}`, gateway, where: args.brokers.join(","), store: null, fastMs: args.intervalMs }) };
  });
  // connections and metadata first, outside the measured window
  for (const s of samplers) {
    s.sampler.start();
    await s.sampler.ready(30_000);
  }
  const since = Date.now();
  const before = samplers.map((s) => s.sampler.status().samples);
  const cpu = process.cpuUsage();
  const durations: number[] = [];
  const timer = setInterval(() => {
    for (const s of samplers) {
      const d = s.sampler.status().lastDurationMs;
      if (d !== null) durations.push(d);
    }
  }, args.intervalMs);
  await sleep(args.seconds * 1000);
  clearInterval(timer);
  const used = process.cpuUsage(cpu);
  const statuses = samplers.map((s) => s.sampler.status());
  const gaps = samplers.flatMap((s) => {
    const times = s.sampler.history().map((x) => x.takenAt).filter((t) => t >= since);
    return times.slice(1).map((t, i) => t - times[i]! - args.intervalMs);
  });
  for (const s of samplers) s.sampler.stop();
  await Promise.all(samplers.map((s) => s.gateway.close()));
  const samples = statuses.reduce((n, st, i) => n + st.samples - before[i]!, 0);
  return {
    clusters,
    samples,
    failures: statuses.reduce((n, st) => n + st.consecutiveFailures, 0),
    cpuMsPerSample: samples > 0 ? (used.user + used.system) / 1000 / samples : null,
    collectP50: percentile(durations, 50),
    collectP95: percentile(durations, 95),
    driftP50: percentile(gaps, 50),
    driftP95: percentile(gaps, 95),
    driftMax: gaps.length ? Math.max(...gaps) : null,
    load: os.loadavg(),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const cleanUp = await seed(args);
  const probe = new KafkajsGateway({ brokers: args.brokers, clientId: "ripcord-bench-clusters-probe", ssl: null, sasl: null, connectTimeoutMs: 3000, requestTimeoutMs: 10_000, retries: 1 });
  const snapshot = await probe.collectSnapshot();
  await probe.close();
  const partitions = snapshot.topics.reduce((n, t) => n + t.partitions.length, 0);
  say(`bench:clusters — one real Kafka at ${args.brokers.join(",")} reached under 1 and then 3 cluster names (three JVMs do not fit this 2-core shared machine)`);
  say(`cluster content: ${snapshot.topics.length} topics, ${partitions} partitions, ${snapshot.groups.length} groups; configured interval ${args.intervalMs} ms, ${args.seconds} s per phase; ${os.cpus().length} CPUs`);
  await phase({ ...args, seconds: Math.max(10, Math.round(args.seconds / 3)) }, 1); // warm-up, discarded
  const one = await phase(args, 1);
  const three = await phase(args, 3);
  await cleanUp();
  say("");
  say("clusters | samples | CPU per sample | collection p50 / p95 | interval drift p50 / p95 / max | load 1/5/15 min");
  for (const f of [one, three]) {
    say(
      `${String(f.clusters).padStart(8)} | ${String(f.samples).padStart(7)} | ${(f.cpuMsPerSample === null ? "n/a" : `${f.cpuMsPerSample.toFixed(1)} ms`).padStart(14)} | ${`${ms(f.collectP50)} / ${ms(f.collectP95)}`.padStart(20)} | ${`${ms(f.driftP50)} / ${ms(f.driftP95)} / ${ms(f.driftMax)}`.padStart(30)} | ${f.load.map((l) => l.toFixed(2)).join(" ")}${f.failures ? ` (${f.failures} failing at the end)` : ""}`,
    );
  }
  if (one.cpuMsPerSample && three.cpuMsPerSample) say(`ratio 3 clusters / 1: CPU per sample ${(three.cpuMsPerSample / one.cpuMsPerSample).toFixed(2)}x, CPU per phase ${((three.cpuMsPerSample * three.samples) / (one.cpuMsPerSample * one.samples)).toFixed(2)}x, samples ${(three.samples / Math.max(1, one.samples)).toFixed(2)}x (3x expected when every sampler keeps its cadence)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:clusters: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
