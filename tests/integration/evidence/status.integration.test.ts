import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "kafkajs";
import { buildGroupDetail } from "@/lib/server/evidence/build-views";
import { uniqueName, waitFor } from "../helpers";
import { createTopics, deleteQuietly, kafkaFor, produce } from "../kafka/fixtures";
import { commit, sleep, steadyProducer, testSampler } from "./helpers";

/**
 * Consumer-group status through the sampler on the real broker. Consumers are driven by
 * committing offsets (admin), so rates and timing are exact; the group has no members.
 */
describe("sampler: group status on a real broker", () => {
  const kafka = kafkaFor();
  let admin: Admin;
  const busy = uniqueName("it-ev-busy");
  const quiet = uniqueName("it-ev-quiet");
  const stoppedGroup = uniqueName("it-ev-stops");
  const quietGroup = uniqueName("it-ev-caughtup");

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [busy, quiet].map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })));
  });

  afterAll(async () => {
    await deleteQuietly(admin, [busy, quiet], [stoppedGroup, quietGroup]);
    await admin.disconnect();
  });

  it("a group that stops consuming reads as stopped; a caught-up group on a quiet topic does not", async () => {
    await produce(kafka, quiet, { 0: 10 });
    await commit(admin, quietGroup, quiet, { 0: 10 });
    const producer = steadyProducer(kafka, busy, 20);
    const sampler = testSampler({ fastMs: 1_000, scope: { topics: [busy, quiet], groups: [stoppedGroup, quietGroup] } });
    sampler.start();
    try {
      // Consuming: the committed offset follows the producer for ~5 s.
      const began = Date.now();
      for (let i = 0; i < 5; i++) {
        await sleep(1_000);
        await commit(admin, stoppedGroup, busy, { 0: Math.max(0, producer.produced() - 5) });
      }
      const consumedFor = Date.now() - began;
      let h = sampler.history();
      const whileConsuming = buildGroupDetail(h, h, stoppedGroup, [], consumedFor);
      expect(whileConsuming?.group.status).not.toBe("stopped");
      // Then it stops: nothing commits while the producer keeps writing. Over a window twice
      // the consuming phase, the frozen offset soon covers more than half of it: stopped.
      const stopped = await waitFor(
        async () => {
          await sleep(1_000);
          h = sampler.history();
          return buildGroupDetail(h, h, stoppedGroup, [], 2 * consumedFor);
        },
        (d) => d?.group.status === "stopped",
        { timeoutMs: 60_000, what: "the group to read as stopped" },
      );
      expect(stopped?.group.totalLag).toBeGreaterThan(50);
      expect(stopped?.partitions[0]?.statusReason).toMatch(/unchanged/);
      const caughtUp = buildGroupDetail(h, h, quietGroup, [], 2 * consumedFor);
      expect(caughtUp?.group.totalLag).toBe(0);
      expect(caughtUp?.group.status).toBe("ok");
    } finally {
      sampler.stop();
      await producer.stop();
    }
  });
});
