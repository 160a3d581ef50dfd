import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin, Kafka, Producer, Transaction } from "kafkajs";
import { buildEvidenceBundle } from "@/lib/domain/evidence/bundle";
import { buildGroupDetail } from "@/lib/server/evidence/build-views";
import { uniqueName, waitFor } from "../helpers";
import { brokers, createTopics, deleteQuietly, gatewayFor, kafkaFor, produce } from "./fixtures";
import { KAFKA_TOOLS, kafkaTool } from "./kafka-tools";

/**
 * True offsets (the high watermark for lag, the last stable offset where a transaction is
 * open), log dir figures against `kafka-log-dirs --describe`, and the KRaft quorum against
 * `kafka-metadata-quorum describe --status`, on the run's real broker.
 */
describe("offsets, disks and the quorum as Kafka's own tools report them", () => {
  const kafka: Kafka = kafkaFor();
  const gateway = gatewayFor();
  const topic = uniqueName("it-txn");
  const group = uniqueName("it-txn-g");
  let admin: Admin;
  let producer: Producer;
  let transaction: Transaction | null = null;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: 2, replicationFactor: 1 }]);
    await produce(kafka, topic, { 0: 5, 1: 2 });
    await gateway.resetGroupOffsets(group, topic, { 0: 2, 1: 2 });
  });

  afterAll(async () => {
    await transaction?.abort().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    await deleteQuietly(admin, [topic], [group]);
    await admin.disconnect();
    await gateway.close();
  });

  it("lag is the high watermark minus the committed offset while a transaction is open; the last stable offset shows where they differ", async () => {
    producer = kafka.producer({ transactionalId: uniqueName("it-txn-producer"), idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    transaction = await producer.transaction();
    await transaction.send({ topic, messages: [0, 1, 2].map((i) => ({ partition: 0, value: `open-${i}` })) });

    const open = await waitFor(() => gateway.collectSnapshot({ topics: [topic], groups: [group] }), (s) => s.topics[0]?.partitions[0]?.logEndOffset === 8, { what: "the open transaction's records in the high watermark" });
    const [p0, p1] = open.topics[0]!.partitions;
    // Partition 0: 5 committed records, then 3 in the open transaction.
    expect([p0?.logEndOffset, p0?.lastStableOffset]).toEqual([8, 5]);
    expect([p1?.logEndOffset, p1?.lastStableOffset]).toEqual([2, 2]);
    const bundle = buildEvidenceBundle([open], { groups: [group] });
    expect(bundle.groups[0]!.partitions.map((p) => [p.partition, p.committedOffset, p.logEndOffset, p.lastStableOffset, p.lag])).toEqual([
      [0, 2, 8, 5, 6],
      [1, 2, 2, 2, 0],
    ]);
    // The group page shows the LSO beside the high watermark.
    const detail = buildGroupDetail([open], [open], group, [], 60_000);
    expect(detail?.partitions.map((p) => [p.logEndOffset, p.lastStableOffset, p.lag])).toEqual([[8, 5, 6], [2, 2, 0]]);

    await transaction.commit();
    transaction = null;
    // The commit marker takes an offset: both ends move to 9 together.
    const committed = await waitFor(() => gateway.collectSnapshot({ topics: [topic], skipGroups: true }), (s) => s.topics[0]?.partitions[0]?.lastStableOffset === 9, { what: "the LSO to catch up after the commit" });
    expect(committed.topics[0]?.partitions[0]?.logEndOffset).toBe(9);
  });

  it("log dir path and partition sizes match kafka-log-dirs --describe; the volume's total and usable bytes match the file system", async () => {
    const before = await gateway.collectSnapshot({ topics: [topic], skipGroups: true });
    const out = await kafkaTool(KAFKA_TOOLS.logDirs, ["--bootstrap-server", brokers().join(","), "--describe", "--topic-list", topic]);
    const after = await gateway.collectSnapshot({ topics: [topic], skipGroups: true });
    const json = JSON.parse(out.split("\n").find((l) => l.startsWith("{"))!) as {
      brokers: { broker: number; logDirs: { logDir: string; error: string | null; partitions: { partition: string; size: number; offsetLag: number; isFuture: boolean }[] }[] }[];
    };
    for (const b of json.brokers) {
      const ours = after.brokers.find((x) => x.nodeId === b.broker)!;
      expect(ours.logDirs?.map((d) => [d.path, d.error])).toEqual(b.logDirs.map((d) => [d.logDir, d.error]));
      for (const dir of b.logDirs) {
        for (const p of dir.partitions) {
          const index = Number(p.partition.slice(topic.length + 1));
          const mine = after.topics[0]!.partitions.find((x) => x.partition === index)!;
          if (mine.leader === b.broker) expect([p.partition, mine.sizeBytes]).toEqual([p.partition, p.size]);
        }
      }
    }
    // Nothing wrote to the topic between the three reads: the sizes are the tool's exactly.
    expect(before.topics[0]!.partitions.map((p) => p.sizeBytes)).toEqual(after.topics[0]!.partitions.map((p) => p.sizeBytes));
    expect(after.topics[0]!.partitions.every((p) => (p.sizeBytes ?? 0) > 0)).toBe(true);
    // Total and usable bytes are the volume's (Java's FileStore = statfs): total exactly, usable
    // within what other processes wrote meanwhile on this shared machine (≤ 1% of the volume).
    const dir = after.brokers[0]!.logDirs![0]!;
    const fsStats = fs.statfsSync(dir.path);
    expect(dir.totalBytes).toBe(fsStats.blocks * fsStats.bsize);
    expect(Math.abs((dir.usableBytes ?? 0) - fsStats.bavail * fsStats.bsize)).toBeLessThan((dir.totalBytes ?? 0) / 100);
    expect(dir.usedBytes).toBeGreaterThanOrEqual(after.topics[0]!.partitions.reduce((n, p) => n + (p.sizeBytes ?? 0), 0));
  });

  it("the quorum: active controller, epoch, voters, observers and follower lag as kafka-metadata-quorum describe --status prints them", async () => {
    const before = await gateway.collectSnapshot({ topics: [topic], skipGroups: true });
    const out = await kafkaTool(KAFKA_TOOLS.metadataQuorum, ["--bootstrap-server", brokers().join(","), "describe", "--status"]);
    const after = await gateway.collectSnapshot({ topics: [topic], skipGroups: true });
    const field = (name: string) => new RegExp(`^${name}:\\s+(.*)$`, "m").exec(out)?.[1]?.trim() ?? "";
    const q = after.controller!;
    expect(q).not.toBeNull();
    expect(String(q.activeId)).toBe(field("LeaderId"));
    expect(String(q.epoch)).toBe(field("LeaderEpoch"));
    expect(String(before.clusterId)).toBe(field("ClusterId"));
    // The metadata log grows all the time (no-op records): the tool's high watermark lies between our two reads.
    const hwm = Number(field("HighWatermark"));
    expect(hwm).toBeGreaterThanOrEqual(before.controller!.highWatermark);
    expect(hwm).toBeLessThanOrEqual(q.highWatermark);
    const voters = (JSON.parse(field("CurrentVoters")) as { id: number }[]).map((v) => v.id).sort();
    expect(q.voters.map((v) => v.id)).toEqual(voters);
    const observers = (JSON.parse(field("CurrentObservers")) as { id: number }[]).map((o) => o.id).sort();
    expect(q.observers.map((o) => o.id)).toEqual(observers);
    // One combined node here: the leader is the only voter, no follower lags.
    expect(Math.max(...q.voters.map((v) => v.lagRecords))).toBe(Number(field("MaxFollowerLag")));
    // With the quorum answering, the bundle names the active controller instead of metadata's broker.
    const bundle = buildEvidenceBundle([before, after]);
    expect(bundle.cluster.controller).toMatchObject({ activeId: q.activeId, epoch: q.epoch, changes: 0 });
  });
});
