import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "kafkajs";
import { uniqueName, waitFor } from "../helpers";
import { createTopics, deleteQuietly, gatewayFor, kafkaFor, produce } from "./fixtures";

describe("a topic deleted between two snapshots", () => {
  const kafka = kafkaFor();
  const gateway = gatewayFor();
  const doomed = uniqueName("it-doomed");
  const kept = uniqueName("it-kept");
  let admin: Admin;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [doomed, kept].map((topic) => ({ topic, numPartitions: 2, replicationFactor: 1 })));
    await produce(kafka, kept, { 0: 2 });
  });

  afterAll(async () => {
    await deleteQuietly(admin, [doomed, kept]);
    await admin.disconnect();
    await gateway.close();
  });

  it("does not poison later snapshots", async () => {
    const before = await gateway.collectSnapshot({ topics: [doomed, kept], skipGroups: true });
    expect(before.topics.map((t) => t.name).sort()).toEqual([doomed, kept].sort());
    // Touch the doomed topic through other gateway calls too (offsets by timestamp, configs).
    await gateway.fetchOffsetsByTimestamp({ [doomed]: [0, 1] }, Date.now() - 60_000);
    await gateway.describeTopicConfigs(doomed);

    await admin.deleteTopics({ topics: [doomed], timeout: 30_000 });

    // Right after the delete, brokers may still list the topic or answer UNKNOWN_TOPIC for it: never a failure.
    const during = await gateway.collectSnapshot({ topics: [doomed, kept], skipGroups: true });
    expect(during.topics.some((t) => t.name === kept)).toBe(true);
    const named = await waitFor(
      () => gateway.collectSnapshot({ topics: [doomed, kept], skipGroups: true }),
      (s) => !s.topics.some((t) => t.name === doomed),
      { what: "deleted topic to leave metadata" },
    );
    expect(named.topics.map((t) => t.name)).toEqual([kept]);
    expect(named.topics[0]?.partitions[0]?.logEndOffset).toBe(2);
    expect(named.warnings).toContain(`topic ${doomed} not found`);

    const all = await gateway.collectSnapshot({ skipGroups: true });
    expect(all.topics.some((t) => t.name === doomed)).toBe(false);
    expect(all.topics.some((t) => t.name === kept)).toBe(true);
    const again = await gateway.fetchOffsetsByTimestamp({ [doomed]: [0], [kept]: [0] }, Date.now() - 60_000);
    expect(again[doomed]?.[0]?.offset).toBeNull();
    expect(again[kept]?.[0]?.offset).toBe(0);
  });
});
