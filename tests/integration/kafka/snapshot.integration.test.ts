import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin, Consumer } from "kafkajs";
import { buildEvidenceBundle } from "@/lib/domain/evidence/bundle";
import { KafkaGatewayError } from "@/lib/server/kafka/errors";
import { uniqueName, waitFor } from "../helpers";
import { createTopics, deleteQuietly, gatewayFor, kafkaFor, produce } from "./fixtures";

describe("kafkajs gateway against a real broker", () => {
  const kafka = kafkaFor();
  const gateway = gatewayFor();
  const topic = uniqueName("it-snap");
  const idle = uniqueName("it-idle-group");
  const active = uniqueName("it-active-group");
  let admin: Admin;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: 3, replicationFactor: 1, configEntries: [{ name: "retention.ms", value: "3600000" }] }]);
    await produce(kafka, topic, { 0: 5, 1: 3 });
  });

  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined);
    await deleteQuietly(admin, [topic], [idle, active]);
    await admin.disconnect();
    await gateway.close();
  });

  it("reads a new topic's partitions, offsets and configs back", async () => {
    const snapshot = await gateway.collectSnapshot({ topics: [topic], skipGroups: true });
    expect(snapshot.brokers.length).toBeGreaterThan(0);
    expect(snapshot.kraft).toBe(true);
    const t = snapshot.topics.find((x) => x.name === topic);
    expect(t?.partitions.map((p) => [p.partition, p.offline, p.replicas.length, p.isr.length, p.logStartOffset, p.logEndOffset])).toEqual([
      [0, false, 1, 1, 0, 5],
      [1, false, 1, 1, 0, 3],
      [2, false, 1, 1, 0, 0],
    ]);
    expect(t?.configs["retention.ms"]).toBe("3600000");
    expect(t?.configs["cleanup.policy"]).toBe("delete");
    expect(Object.keys(t?.configs ?? {}).sort()).toEqual(["cleanup.policy", "max.message.bytes", "min.insync.replicas", "retention.bytes", "retention.ms", "segment.ms"]);
  });

  it("lag per partition equals log end − committed", async () => {
    await gateway.resetGroupOffsets(idle, topic, { 0: 2, 1: 3 });
    const snapshot = await gateway.collectSnapshot({ groups: [idle] });
    const group = snapshot.groups.find((g) => g.groupId === idle);
    expect(group?.state).toBe("Empty");
    expect(group?.offsets.filter((o) => o.topic === topic)).toEqual([
      { topic, partition: 0, committedOffset: 2 },
      { topic, partition: 1, committedOffset: 3 },
    ]);
    const bundle = buildEvidenceBundle([snapshot], { groups: [idle] });
    const g = bundle.groups[0]!;
    expect(g.partitions.map((p) => [p.partition, p.committedOffset, p.logEndOffset, p.lag])).toEqual([
      [0, 2, 5, 3],
      [1, 3, 3, 0],
    ]);
    expect(g.totalLag).toBe(3);
  });

  it("sees an active group's members and assignment, and refuses to reset its offsets", async () => {
    consumer = kafka.consumer({ groupId: active, sessionTimeout: 10_000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async () => undefined });
    const [group] = await waitFor(() => gateway.describeGroups([active]), (gs) => gs[0]?.state === "Stable" && gs[0].members.length === 1, { what: "active group to be Stable" });
    expect(group?.protocol).toBe("classic");
    expect(group?.members[0]?.assignment).toEqual({ [topic]: [0, 1, 2] });
    const snapshot = await gateway.collectSnapshot({ groups: [active], topics: [topic] });
    expect(snapshot.groups[0]?.members[0]?.assignment[topic]).toEqual([0, 1, 2]);
    const refused = await gateway.resetGroupOffsets(active, topic, { 0: 0 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(KafkaGatewayError);
    expect((refused as KafkaGatewayError).code).toBe("GROUP_HAS_ACTIVE_MEMBERS");
  });

  it("alters one config without dropping the topic's other overrides", async () => {
    await gateway.alterTopicConfigs(topic, { "segment.ms": "600000" });
    const after = await gateway.alterTopicConfigs(topic, { "max.message.bytes": "2000000" });
    expect(after).toEqual({ "retention.ms": "3600000", "segment.ms": "600000", "max.message.bytes": "2000000" });
    const entries = await gateway.describeTopicConfigs(topic);
    const dynamic = Object.fromEntries(entries.filter((e) => e.source === "DYNAMIC_TOPIC_CONFIG").map((e) => [e.name, e.value]));
    expect(dynamic).toEqual(after);
    await gateway.alterTopicConfigs(topic, { "segment.ms": null });
    const removed = await gateway.describeTopicConfigs(topic);
    expect(removed.find((e) => e.name === "segment.ms")?.source).not.toBe("DYNAMIC_TOPIC_CONFIG");
    expect(removed.find((e) => e.name === "retention.ms")?.value).toBe("3600000");
  });

  it("grows partitions and maps unknown topics to UNKNOWN_TOPIC", async () => {
    await gateway.createPartitions(topic, 4);
    const listed = await waitFor(() => gateway.listTopics(), (ts) => ts.find((t) => t.name === topic)?.partitions === 4, { what: "4 partitions in metadata" });
    expect(listed.find((t) => t.name === topic)?.partitions).toBe(4);
    const missing = await gateway.describeTopicConfigs(uniqueName("it-missing")).catch((e: unknown) => e);
    expect((missing as KafkaGatewayError).code).toBe("UNKNOWN_TOPIC");
  });

  it("returns offsets by timestamp and time points", async () => {
    const byTs = await gateway.fetchOffsetsByTimestamp({ [topic]: [0, 1] }, Date.now() - 600_000);
    expect(byTs[topic]?.map((o) => o.offset)).toEqual([0, 0]);
    expect(byTs[topic]?.[0]?.timestampMs).toBeGreaterThan(Date.now() - 600_000);
    const points = await gateway.sampleOffsetTimes({ [topic]: [0, 1, 2] });
    expect(points.filter((p) => p.partition === 0).map((p) => p.offset)).toEqual([0]);
    expect(points.some((p) => p.partition === 2)).toBe(false); // empty partition: no record that recent
  });
});
