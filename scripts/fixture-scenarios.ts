/**
 * Conditions captured as unit-test fixtures that are not drills (nothing is wrong, yet a naive
 * engine would say something is): captured by scripts/capture-fixtures.ts beside the drills.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type DrillKit, type Scenario, reached, withKit } from "@/lib/server/drills/kit";

/**
 * A consumer that joins at the log end (auto.offset.reset=latest) of a topic that already holds
 * records: partitions 0 and 1 get new records and commit, partition 2 gets none and never
 * commits. Its "lag" is counted from the log start, but it is not stuck: a partition that has
 * simply not committed yet is not a poison record (nor skew).
 */
export const lateJoiner: Scenario = {
  id: "late-joiner",
  title: "A partition that has not committed yet (consumer joined at the log end)",
  injectedCause: null,
  seed: "001 S4 (what it is not)",
  needsNodes: 1,
  samples: 10,
  start: (ctx) =>
    withKit(ctx, "late-joiner", async (kit) => {
      const topic = await kit.createTopic("events", { partitions: 3 });
      const group = kit.group();
      const pacer = await kit.pace(topic, { rate: () => 40, message: (i) => ({ partition: i % 2 }) });
      await pacer.burst(300, (i) => ({ partition: i % 3 }));
      await kit.consumer(group, topic, { fromBeginning: false });
      await kit.waitForStableGroup(group, 1);
      pacer.start();
      return kit.running({
        scope: { kind: "group", name: group },
        established: (s) => {
          const g = s.groups.find((x) => x.groupId === group);
          return !!g && g.partitions.filter((p) => p.committedOffset !== null).length === 2 && s.samples >= 6;
        },
      });
    }),
};

/*
 * Slow consumers as application code writes them (issue 15): real clients process a member's
 * partitions in turns (a fetched batch per partition, one after another), so under a per-record
 * cost each partition of a slow consumer stands still while the others take their turn. That is
 * not a poison record, which is one partition stuck at one offset across many turns while the
 * member's other partitions pass it. Every shape: a 4-partition topic, a producer at a steady
 * 40 rec/s (10 per partition), one consumer member whose capacity is about 25 rec/s, sampled
 * every 3 s once the backlog has built (each partition committed, lag ≥ WARM_LAG).
 */
const TURN_PARTITIONS = 4;
const TURN_INPUT = 40;
const WARM_LAG = 600;
const turnSampling = { needsNodes: 1 as const, samples: 60, intervalMs: 3_000 };

const msleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits (bounded) until every partition of the group has committed and its lag has built to `lag`. */
async function backlogBuilt(kit: DrillKit, group: string, lag: number, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = "no description";
  while (Date.now() < deadline) {
    const g = await kit.describeGroup(group);
    const committed = g?.offsets.filter((o) => o.committedOffset !== null) ?? [];
    const snap = await kit.gateway.collectSnapshot({ topics: kit.topics, groups: [group] });
    const ends = new Map(snap.topics.flatMap((t) => t.partitions.map((p) => [`${t.name}:${p.partition}`, p.logEndOffset ?? 0] as const)));
    const total = committed.reduce((s, o) => s + Math.max(0, (ends.get(`${o.topic}:${o.partition}`) ?? 0) - (o.committedOffset ?? 0)), 0);
    seen = `${committed.length}/${TURN_PARTITIONS} partitions committed, lag ${total}`;
    if (committed.length === TURN_PARTITIONS && total >= lag) return;
    await msleep(1_000);
  }
  throw new Error(`backlog of ${group} not built in ${timeoutMs} ms (${seen})`);
}

/** A kafkajs consumer with the client's defaults but for the options given, each record costing `costMs`. */
async function kafkajsTurnConsumer(kit: DrillKit, group: string, topic: string, costMs: number, run: { partitionsConsumedConcurrently?: number } = {}): Promise<void> {
  const consumer = kit.kafka.consumer({ groupId: group });
  let running = true;
  kit.onCleanup(async () => {
    running = false;
    await consumer.disconnect().catch(() => undefined);
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    ...run,
    eachMessage: async () => {
      if (running) await msleep(costMs); // the per-record cost: a write to a slow store
    },
  });
}

let compiled: Promise<string> | null = null;
/** Compiles scripts/java/RipcordTurnConsumer.java once against the harness's kafka-clients jar; returns the classpath to run it. */
function javaClasspath(): Promise<string> {
  compiled ??= (async () => {
    const { kafkaSettings, resolveClasspath } = (await import("./kafka/local-kafka.mjs")) as {
      kafkaSettings: () => { root: string };
      resolveClasspath: (s: unknown) => string;
    };
    const settings = kafkaSettings();
    const kafkaCp = resolveClasspath(settings);
    const out = path.join(settings.root, "cache", "java-drill-consumers");
    fs.mkdirSync(out, { recursive: true });
    const source = path.resolve(import.meta.dirname, "java", "RipcordTurnConsumer.java");
    const r = spawnSync("javac", ["-d", out, "-cp", kafkaCp, source], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`javac RipcordTurnConsumer failed: ${r.stderr}`);
    return [out, kafkaCp].join(path.delimiter);
  })();
  return compiled;
}

/** A Java consumer (RipcordTurnConsumer) run with `java -cp`; resolves once it owns partitions. */
async function javaTurnConsumer(kit: DrillKit, group: string, topic: string, maxPollRecords: number, costMs: number): Promise<void> {
  const cp = await javaClasspath();
  const child = spawn("java", ["-Xmx256m", "-cp", cp, "RipcordTurnConsumer", kit.ctx.brokers.join(","), topic, group, String(maxPollRecords), String(costMs)], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  kit.onCleanup(async () => {
    child.stdin.end(); // the consumer leaves its group and exits
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`java consumer did not get partitions in 60 s: ${stderr}`)), 60_000);
    child.stdout.on("data", (d: Buffer) => {
      if (d.toString().includes("assigned")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`java consumer exited (${code}): ${stderr}`));
    });
  });
}

function slowTurns(id: string, title: string, startConsumer: (kit: DrillKit, group: string, topic: string) => Promise<void>): Scenario {
  return {
    id,
    title,
    injectedCause: "consumer.slow-processing",
    seed: "001 S9 (real client, partitions in turns)",
    ...turnSampling,
    start: (ctx) =>
      withKit(ctx, id, async (kit) => {
        const topic = await kit.createTopic("events", { partitions: TURN_PARTITIONS });
        const group = kit.group();
        (await kit.pace(topic, { rate: () => TURN_INPUT, message: (i) => ({ partition: i % TURN_PARTITIONS }), maxRecords: 20_000 })).start();
        await startConsumer(kit, group, topic);
        await backlogBuilt(kit, group, WARM_LAG);
        return kit.running({
          scope: { kind: "group", name: group },
          // the shape a naive stall check misreads: a partition stalled (frozen, owned) while another advances
          established: (s) => {
            const g = s.groups.find((x) => x.groupId === group);
            return (
              !!g &&
              g.totalLag > WARM_LAG &&
              g.partitions.some((p) => p.status === "stalled") &&
              g.partitions.some((p) => !p.committedFrozen && (p.consumeRatePerSec ?? 0) > 0)
            );
          },
        });
      }),
  };
}

/** (a) kafkajs with its defaults (eachMessage, one partition at a time, commit after each batch), 40 ms per record. */
export const slowKafkajsDefaults = slowTurns("slow-kafkajs-defaults", "Slow kafkajs consumer (client defaults, 40 ms per record)", (kit, g, t) => kafkajsTurnConsumer(kit, g, t, 40));
/** (b) kafkajs with partitionsConsumedConcurrently: 2, 80 ms per record (two partitions at a time). */
export const slowKafkajsConcurrent = slowTurns("slow-kafkajs-concurrent", "Slow kafkajs consumer (partitionsConsumedConcurrently 2, 80 ms per record)", (kit, g, t) =>
  kafkajsTurnConsumer(kit, g, t, 80, { partitionsConsumedConcurrently: 2 }),
);
/** (c) a Java KafkaConsumer with max.poll.records=10 and auto-commit (5 s), 40 ms per record. */
export const slowJavaSmallPolls = slowTurns("slow-java-small-polls", "Slow Java consumer (max.poll.records 10, 40 ms per record)", (kit, g, t) => javaTurnConsumer(kit, g, t, 10, 40));

/**
 * (d) a real poison record among the same shapes: the Java consumer of (c) with spare capacity
 * (5 ms per record), and one record on partition 1 it cannot deserialize (value starting 0x00),
 * written at 15% of the window: it seeks back and retries that record forever, partition 1's
 * committed offset stays on it while partitions 0, 2 and 3 keep advancing.
 */
export const poisonJava: Scenario = {
  id: "poison-java",
  title: "Poison record under a Java consumer that seeks back and retries it",
  injectedCause: "consumer.poison-record",
  seed: "001 S4 (real client)",
  ...turnSampling,
  samples: 50,
  start: (ctx) =>
    withKit(ctx, "poison-java", async (kit) => {
      const topic = await kit.createTopic("events", { partitions: TURN_PARTITIONS });
      const group = kit.group();
      const pacer = (await kit.pace(topic, { rate: () => TURN_INPUT, message: (i) => ({ partition: i % TURN_PARTITIONS }), maxRecords: 20_000 })).start();
      await javaTurnConsumer(kit, group, topic, 10, 5);
      await kit.waitForStableGroup(group, 1, 60_000);
      await kit.waitForCaughtUp(group, 60_000);
      let injected = false;
      return kit.running({
        scope: { kind: "group", name: group },
        tick: async (i, planned) => {
          if (injected || !reached(i, planned, 0.15)) return;
          injected = true;
          await pacer.burst(1, () => ({ partition: 1, value: "\u0000not-json" }));
        },
        established: (s) => {
          const g = s.groups.find((x) => x.groupId === group);
          return !!g && g.partitions.some((p) => p.partition === 1 && p.status === "stalled");
        },
      });
    }),
};

/** Every real-consumer shape, in capture order. */
export const REAL_CONSUMERS: readonly Scenario[] = [slowKafkajsDefaults, slowKafkajsConcurrent, slowJavaSmallPolls, poisonJava];
