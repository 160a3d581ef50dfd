import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "kafkajs";
import { buildGroupDetail, buildOverview } from "@/lib/server/evidence/build-views";
import { uniqueName, waitFor } from "../helpers";
import { createTopics, deleteQuietly, kafkaFor } from "../kafka/fixtures";
import { commit, sleep, steadyProducer, testSampler } from "./helpers";

/**
 * A topic with a tiny retention (retention.ms=1000, segment.ms=500; the local broker checks
 * retention every 2 s) and a group parked at offset 0: the broker deletes records the group
 * never read. The sampler must show the data as already lost and flag the group.
 */
describe("sampler: retention risk on a real broker", () => {
  const kafka = kafkaFor();
  let admin: Admin;
  const topic = uniqueName("it-ev-tiny-retention");
  const group = uniqueName("it-ev-parked");

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [
      { topic, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: "retention.ms", value: "1000" }, { name: "segment.ms", value: "500" }] },
    ]);
  });

  afterAll(async () => {
    await deleteQuietly(admin, [topic], [group]);
    await admin.disconnect();
  });

  it("shows records deleted unread as lost, flags the group and counts it at risk", async () => {
    const producer = steadyProducer(kafka, topic, 50);
    await sleep(500);
    await commit(admin, group, topic, { 0: 0 });
    const sampler = testSampler({ fastMs: 1_000, scope: { topics: [topic], groups: [group] } });
    sampler.start();
    try {
      const detail = await waitFor(
        async () => {
          await sleep(1_000);
          const h = sampler.history();
          return buildGroupDetail(h, h, group, [], 60_000);
        },
        (d) => d?.group.retention.kind === "lost",
        { timeoutMs: 60_000, what: "retention to delete unread records" },
      );
      const p = detail!.partitions[0]!;
      expect(p.logStartOffset).toBeGreaterThan(0);
      expect(p.committedOffset).toBe(0);
      expect(p.retention).toMatchObject({ kind: "lost", recordsLost: p.logStartOffset });
      expect(detail!.group.retention.where).toBe(`${topic}[0]`);
      expect(detail!.group.status).toBe("error");
      const overview = buildOverview(sampler.history(), [], 60_000);
      expect(overview.totals.groupsAtRisk).toBe(1);
      expect(overview.topics.find((t) => t.name === topic)?.retentionMs).toBe(1000);
    } finally {
      sampler.stop();
      await producer.stop();
    }
  });
});
