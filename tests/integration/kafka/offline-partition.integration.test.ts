import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "kafkajs";
import { bootstrapServers, down, kafkaSettings, startNode, stopNode, up } from "../../../scripts/kafka/local-kafka.mjs";
import { uniqueName, waitFor } from "../helpers";
import { createTopics, deleteQuietly, gatewayFor, kafkaFor, produce } from "./fixtures";

/**
 * Needs a 3-broker cluster: uses the one on KAFKA_3NODE_PORT (default 9800; not 9600, which is the controller port of a broker on 9500) when it runs,
 * otherwise starts it here (and stops it afterwards). Node 3 is stopped mid-test and restarted.
 */
const settings = kafkaSettings({ ...process.env, KAFKA_PORT: process.env.KAFKA_3NODE_PORT ?? "9800", KAFKA_NODES: "3" });

describe("a partition without a leader (3 brokers, RF=1, broker 3 stopped)", () => {
  let startedHere = false;
  let brokers: string[] = [];
  const topic = uniqueName("it-offline");
  let admin: Admin;

  beforeAll(async () => {
    const result = (await up(settings, () => {})) as { started: boolean };
    startedHere = result.started;
    brokers = (bootstrapServers(settings) as string).split(",");
    admin = kafkaFor(brokers).admin();
    await admin.connect();
    await createTopics(admin, [
      { topic, replicaAssignment: [0, 1, 2].map((partition) => ({ partition, replicas: [partition + 1] })) },
    ]);
    await produce(kafkaFor(brokers), topic, { 0: 4, 1: 6, 2: 1 });
  }, 240_000);

  afterAll(async () => {
    await startNode(settings, 3).catch(() => undefined);
    await deleteQuietly(admin, [topic]);
    await admin.disconnect();
    if (startedHere && !process.env.KEEP_KAFKA) await down(settings, {}, () => {});
  }, 240_000);

  it("reports it offline with null offsets and keeps the other partitions' offsets", async () => {
    const gateway = gatewayFor(brokers.slice(0, 2));
    try {
      const healthy = await gateway.collectSnapshot({ topics: [topic], skipGroups: true });
      expect(healthy.topics[0]?.partitions.map((p) => p.logEndOffset)).toEqual([4, 6, 1]);

      await stopNode(settings, 3);
      const snapshot = await waitFor(
        () => gateway.collectSnapshot({ topics: [topic], skipGroups: true }),
        (s) => s.topics[0]?.partitions[2]?.offline === true,
        { what: "partition 2 to go offline", timeoutMs: 60_000, intervalMs: 1000 },
      );
      const [p0, p1, p2] = snapshot.topics[0]!.partitions;
      expect([p0?.offline, p0?.logEndOffset, p1?.offline, p1?.logEndOffset]).toEqual([false, 4, false, 6]);
      expect(p2).toMatchObject({ partition: 2, leader: -1, offline: true, logStartOffset: null, logEndOffset: null });
      expect(snapshot.brokers.map((b) => b.nodeId)).toEqual([1, 2]);
      expect(snapshot.warnings).toContain(`partition ${topic}-2 has no leader (offline)`);
      // Groups still collect (list-groups goes to live brokers only).
      await expect(gateway.collectSnapshot({ topics: [topic] })).resolves.toBeTruthy();
    } finally {
      await gateway.close();
    }
  });
});
