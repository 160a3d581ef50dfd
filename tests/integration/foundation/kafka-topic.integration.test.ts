import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueName } from "../helpers";

// The harness's own proof that the broker is real: a topic made through kafkajs reads back.
describe("local Kafka", () => {
  const kafka = new Kafka({ clientId: "ripcord-it", brokers: (process.env.KAFKA_BROKERS ?? "").split(","), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const topic = uniqueName("it-foundation");

  beforeAll(() => admin.connect());
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it("creates a topic and reads its partitions back", async () => {
    const created = await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
    expect(created).toBe(true);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    const partitions = metadata.topics[0]?.partitions.map((p) => p.partitionId).sort();
    expect(partitions).toEqual([0, 1, 2]);
    const cluster = await admin.describeCluster();
    for (const p of metadata.topics[0]?.partitions ?? []) {
      expect(cluster.brokers.map((b) => b.nodeId)).toContain(p.leader);
    }
  });
});
