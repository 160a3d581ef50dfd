import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "kafkajs";
import { expectedRequestCount } from "@/lib/server/kafka/collector";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { uniqueName, waitFor } from "../helpers";
import { createTopics, deleteQuietly, gatewayFor, kafkaFor } from "./fixtures";

const TOPICS = 30;
const PARTITIONS = 5;
// More than one OffsetFetch v8 batch (100 groups) and more than two DescribeGroups batches (50).
const GROUPS = 105;

function formulaFor(snapshot: ClusterSnapshot, groupCount: number): number {
  const leaders = new Set(snapshot.topics.flatMap((t) => t.partitions.filter((p) => !p.offline).map((p) => p.leader)));
  // Every group's coordinator is one of the brokers; on a single broker all G share it.
  const perCoordinator = snapshot.brokers.length === 1 ? [groupCount] : [];
  return expectedRequestCount({ leaderBrokers: leaders.size, topics: snapshot.topics.length, liveBrokers: snapshot.brokers.length, groupsPerCoordinator: perCoordinator });
}

describe("snapshot request count", () => {
  const kafka = kafkaFor();
  const gateway = gatewayFor();
  const prefix = uniqueName("it-rc");
  const topics = Array.from({ length: TOPICS }, (_, i) => `${prefix}-t${i}`);
  const groups = Array.from({ length: GROUPS }, (_, i) => `${prefix}-g${i}`);
  let admin: Admin;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, topics.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })));
    for (const [i, group] of groups.entries()) await gateway.resetGroupOffsets(group, topics[i % TOPICS]!, { 0: i, 1: 0 });
  });

  afterAll(async () => {
    await deleteQuietly(admin, topics, groups);
    await admin.disconnect();
    await gateway.close();
  });

  it("grows with brokers and groups, not with partitions", async () => {
    const opts = { topics, groups };
    const first = await gateway.collectSnapshot(opts);
    expect(first.topics).toHaveLength(TOPICS);
    expect(first.groups).toHaveLength(GROUPS);
    const expected = formulaFor(first, GROUPS);
    expect(first.requestCount).toBe(expected);
    // Every group's committed offsets came back through the batched OffsetFetch, each its own.
    for (const [i, group] of groups.entries()) {
      const offsets = first.groups.find((g) => g.groupId === group)?.offsets;
      expect(offsets, group).toEqual([
        { topic: topics[i % TOPICS], partition: 0, committedOffset: i },
        { topic: topics[i % TOPICS], partition: 1, committedOffset: 0 },
      ]);
    }
    expect(first.warnings).toEqual([]);

    // The instrumentation emitter sees the same requests (nothing else runs on this gateway).
    const before = gateway.instrumentedRequests();
    const again = await gateway.collectSnapshot(opts);
    expect(gateway.instrumentedRequests() - before).toBe(again.requestCount);

    await Promise.all(topics.map((t) => gateway.createPartitions(t, PARTITIONS * 2)));
    const doubled = await waitFor(
      () => gateway.collectSnapshot(opts),
      (s) => s.topics.every((t) => t.partitions.length === PARTITIONS * 2 && t.partitions.every((p) => p.logEndOffset === 0)),
      { what: "new partitions in metadata" },
    );
    expect(doubled.requestCount).toBe(expected);
    console.info(`request count: ${TOPICS} topics × ${PARTITIONS}→${PARTITIONS * 2} partitions, ${GROUPS} groups, ${first.brokers.length} broker(s): ${doubled.requestCount} requests, ${doubled.durationMs} ms`);
  });
});
