/**
 * Captures the real-broker histories behind the capacity checks (lib/domain/diagnosis/checks-capacity.ts):
 *
 *   producer-quota    on --brokers: a producer (client-id drill-producer-quota-app) writes about
 *                     40 KiB/s for 20 s; then kafka-configs sets producer_byte_rate=16384 on
 *                     that client-id and the broker throttles it for 60 s. Scope: the topic.
 *   storage-pressure  on --storage-brokers: a broker whose log dir sits on a small volume (see
 *                     below) is filled with 64 KiB records until the volume is ~90% used, under a
 *                     generous default producer quota (100 MiB/s). Scope: the cluster.
 *
 * A small volume for the second one (root, Linux):
 *   mount -t tmpfs -o size=256m tmpfs /tmp/ripcord-small
 *   KAFKA_HOME_DIR=/tmp/ripcord-small KAFKA_PORT=19092 npm run kafka:up
 *   npx tsx -C react-server scripts/capture-capacity-fixtures.ts --brokers 127.0.0.1:9092 --storage-brokers 127.0.0.1:19092
 *
 * Writes lib/domain/__fixtures__/<id>.json as ClusterSnapshot[] with volatile fields normalised
 * (run prefix, cluster id, member hosts, request counts; log dir paths → /data/kafka-<node>).
 * Quotas it set are removed afterwards; the topics are deleted.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Kafka, logLevel } from "kafkajs";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { KafkajsGateway } from "@/lib/server/kafka/kafkajs-gateway";
import { kafkaSettings, resolveClasspath } from "./kafka/local-kafka.mjs";
import { UsageError, parseBrokers } from "./drills-cli";

const OUT = path.resolve(import.meta.dirname, "..", "lib", "domain", "__fixtures__");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function kafkaConfigs(brokers: string[], args: string[]): void {
  const classpath = resolveClasspath(kafkaSettings());
  const r = spawnSync("java", ["-cp", classpath, "kafka.admin.ConfigCommand", "--bootstrap-server", brokers.join(","), ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`kafka-configs ${args.join(" ")} failed: ${(r.stderr || r.stdout).trim().split("\n").slice(-2).join(" ")}`);
}

function normalise(history: ClusterSnapshot[], prefix: string, id: string): ClusterSnapshot[] {
  const text = JSON.stringify(history).split(prefix).join(`drill-${id}`);
  return (JSON.parse(text) as ClusterSnapshot[]).map(({ requestCount: _r, durationMs: _d, ...s }) => ({
    ...s,
    clusterId: "drill-cluster",
    brokers: s.brokers.map((b) => ({ ...b, logDirs: b.logDirs?.map((d) => ({ ...d, path: `/data/kafka-${b.nodeId}` })) })),
    groups: s.groups.map((g) => ({ ...g, members: g.members.map((m) => ({ ...m, host: "/127.0.0.1" })) })),
  }));
}

async function sampleWhile(gateway: KafkajsGateway, topic: string, everyMs: number, work: () => Promise<boolean>): Promise<ClusterSnapshot[]> {
  const history: ClusterSnapshot[] = [];
  let done = false;
  let failure: unknown = null;
  const working = (async () => {
    try {
      while (!done) done = !(await work());
    } catch (error) {
      failure = error;
      done = true;
    }
  })();
  while (!done) {
    history.push(await gateway.collectSnapshot({ topics: [topic], skipGroups: true }));
    await sleep(everyMs);
  }
  await working;
  if (failure) throw failure;
  history.push(await gateway.collectSnapshot({ topics: [topic], skipGroups: true }));
  return history;
}

async function producerQuota(brokers: string[]): Promise<ClusterSnapshot[]> {
  const prefix = `cap-${Date.now().toString(36)}`;
  const topic = `${prefix}-events`;
  const clientId = `${prefix}-app`;
  const kafka = new Kafka({ brokers, clientId, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
  const gateway = new KafkajsGateway({ brokers, clientId: "ripcord-capture", connectTimeoutMs: 3000, requestTimeoutMs: 30_000, retries: 1 });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const value = Buffer.alloc(1024, 120);
  const started = Date.now();
  let quotaSet = false;
  try {
    const history = await sampleWhile(gateway, topic, 2000, async () => {
      const elapsed = Date.now() - started;
      if (elapsed > 80_000) return false;
      if (!quotaSet && elapsed > 20_000) {
        kafkaConfigs(brokers, ["--alter", "--entity-type", "clients", "--entity-name", clientId, "--add-config", "producer_byte_rate=16384"]);
        quotaSet = true;
      }
      // up to 60 records of 1 KiB per second, as fast as the broker lets them through
      await producer.send({ topic, acks: 1, messages: Array.from({ length: 6 }, (_, i) => ({ partition: i % 2, value })) });
      await sleep(100);
      return true;
    });
    return normalise(history, prefix, "producer-quota");
  } finally {
    await producer.disconnect();
    kafkaConfigs(brokers, ["--alter", "--entity-type", "clients", "--entity-name", clientId, "--delete-config", "producer_byte_rate"]);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await gateway.close();
  }
}

async function storagePressure(brokers: string[]): Promise<ClusterSnapshot[]> {
  const prefix = `cap-${Date.now().toString(36)}`;
  const topic = `${prefix}-archive`;
  const kafka = new Kafka({ brokers, clientId: `${prefix}-app`, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2, configEntries: [{ name: "segment.bytes", value: String(16 << 20) }] }], waitForLeaders: true });
  kafkaConfigs(brokers, ["--alter", "--entity-type", "clients", "--entity-default", "--add-config", "producer_byte_rate=104857600"]);
  const gateway = new KafkajsGateway({ brokers, clientId: "ripcord-capture", connectTimeoutMs: 3000, requestTimeoutMs: 30_000, retries: 1 });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const value = Buffer.alloc(64 * 1024, 121);
  let last: ClusterSnapshot | null = null;
  try {
    const history = await sampleWhile(gateway, topic, 2000, async () => {
      last = await gateway.collectSnapshot({ topics: [topic], skipGroups: true });
      const dir = last.brokers[0]?.logDirs?.[0];
      if (!dir || dir.totalBytes === null || dir.usableBytes === null) throw new Error("the storage broker reports no volume size (needs Kafka ≥ 3.3)");
      if ((dir.totalBytes - dir.usableBytes) / dir.totalBytes >= 0.9) return false;
      await producer.send({ topic, acks: 1, messages: Array.from({ length: 16 }, (_, i) => ({ partition: i % 2, value })) });
      return true;
    });
    return normalise(history, prefix, "storage-pressure");
  } finally {
    await producer.disconnect();
    kafkaConfigs(brokers, ["--alter", "--entity-type", "clients", "--entity-default", "--delete-config", "producer_byte_rate"]);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await gateway.close();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let brokers: string[] | null = null;
  let storage: string[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--brokers") brokers = parseBrokers(argv[++i]);
    else if (argv[i] === "--storage-brokers") storage = parseBrokers(argv[++i], "--storage-brokers");
    else throw new UsageError(`unknown argument ${argv[i]}`);
  }
  if (!brokers && !storage) throw new UsageError("give --brokers and/or --storage-brokers");
  const write = (id: string, history: ClusterSnapshot[]) => {
    fs.writeFileSync(path.join(OUT, `${id}.json`), JSON.stringify(history, null, 1) + "\n");
    console.log(`${id}: ${history.length} snapshots`);
  };
  if (brokers) write("producer-quota", await producerQuota(brokers));
  if (storage) write("storage-pressure", await storagePressure(storage));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`capture-capacity-fixtures: ${(error as Error).message.split("\n")[0]}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
