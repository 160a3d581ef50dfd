import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "kafkajs";
import { expectedRequestCount } from "@/lib/server/kafka/collector";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { kafkaSettings } from "../../../scripts/kafka/local-kafka.mjs";
import { uniqueName, waitFor } from "../helpers";
import { brokers, createTopics, deleteQuietly, gatewayFor, kafkaFor, produce } from "./fixtures";
import { JavaGroupMembers, defaultProtocol } from "./group-members";

const TOPICS = 30;
const PARTITIONS = 5;
// More than one OffsetFetch v8 batch (100 groups) and more than two DescribeGroups batches (50).
const GROUPS = 105;
// Groups with live Java members: KIP-848 ("consumer" protocol) groups on Kafka 4, classic on 3.9.
const LIVE_GROUPS = 3;
const kafka4 = kafkaSettings().version.startsWith("4.");

function formulaFor(snapshot: ClusterSnapshot): number {
  const leaders = new Set(snapshot.topics.flatMap((t) => t.partitions.filter((p) => !p.offline).map((p) => p.leader)));
  // Every group's coordinator is one of the brokers; on a single broker all share it.
  if (snapshot.brokers.length !== 1) throw new Error("this test runs on the single-node harness");
  const consumer = snapshot.groups.filter((g) => g.protocol === "consumer").length;
  return expectedRequestCount({
    leaderBrokers: leaders.size,
    topics: snapshot.topics.length,
    liveBrokers: snapshot.brokers.length,
    groupsPerCoordinator: [{ classic: snapshot.groups.length - consumer, consumer }],
    kraft: snapshot.kraft === true,
    describeCluster: kafka4,
  });
}

describe("snapshot request count: O(brokers + groups) with every request included", () => {
  const kafka = kafkaFor();
  const gateway = gatewayFor();
  const prefix = uniqueName("it-rc");
  const topics = Array.from({ length: TOPICS }, (_, i) => `${prefix}-t${i}`);
  const groups = Array.from({ length: GROUPS }, (_, i) => `${prefix}-g${i}`);
  const live = Array.from({ length: LIVE_GROUPS }, (_, i) => `${prefix}-live${i}`);
  let admin: Admin;
  let members: JavaGroupMembers | undefined;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, topics.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })));
    for (const [i, group] of groups.entries()) await gateway.resetGroupOffsets(group, topics[i % TOPICS]!, { 0: i, 1: 0 });
    await produce(kafka, topics[0]!, { 0: 3 });
    members = JavaGroupMembers.start({ brokers: brokers(), groupId: live[0]!, protocol: defaultProtocol(), topics: [topics[0]!] });
    for (const [i, group] of live.entries()) {
      members.joinGroup(`m${i}`, group);
      await members.waitForLine((l) => l.startsWith(`assigned m${i} `), { what: `m${i} assigned in ${group}` });
    }
  }, 240_000);

  afterAll(async () => {
    await members?.stop();
    await deleteQuietly(admin, topics, [...groups, ...live]);
    await admin.disconnect();
    await gateway.close();
  });

  it("grows with brokers and groups, not with partitions", async () => {
    const opts = { topics, groups: [...groups, ...live] };
    const first = await waitFor(
      () => gateway.collectSnapshot(opts),
      (s) => live.every((id) => s.groups.find((g) => g.groupId === id)?.members.length === 1),
      { what: "the live groups to show their member" },
    );
    expect(first.topics).toHaveLength(TOPICS);
    expect(first.groups).toHaveLength(GROUPS + LIVE_GROUPS);
    expect(first.groups.filter((g) => g.protocol === "consumer").map((g) => g.groupId)).toEqual(kafka4 ? live : []);
    const expected = formulaFor(first);
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
    // The new requests answered: log dirs of the broker, the quorum, quotas.
    expect(first.brokers[0]?.logDirs?.length).toBeGreaterThan(0);
    expect(first.controller?.activeId).toBe(first.brokers[0]?.nodeId);
    expect(first.quotas).toBeDefined();

    // The instrumentation emitter sees the same requests (nothing else runs on this gateway).
    const before = gateway.instrumentedRequests();
    const again = await gateway.collectSnapshot(opts);
    expect(gateway.instrumentedRequests() - before).toBe(again.requestCount);

    await Promise.all(topics.map((t) => gateway.createPartitions(t, PARTITIONS * 2)));
    const doubled = await waitFor(
      () => gateway.collectSnapshot(opts),
      (s) => s.topics.every((t) => t.partitions.length === PARTITIONS * 2 && t.partitions.slice(PARTITIONS).every((p) => p.logEndOffset === 0)),
      { what: "new partitions in metadata" },
    );
    expect(doubled.requestCount).toBe(expected);
    console.info(
      `request count: ${TOPICS} topics × ${PARTITIONS}→${PARTITIONS * 2} partitions, ${GROUPS} classic + ${LIVE_GROUPS} ${defaultProtocol()} groups, ${first.brokers.length} broker(s): ${doubled.requestCount} requests, ${doubled.durationMs} ms`,
    );
  });
});
