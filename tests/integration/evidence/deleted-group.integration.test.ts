import type { Admin } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { buildOverview } from "@/lib/server/evidence/build-views";
import { uniqueName, waitFor } from "../helpers";
import { createTopics, deleteQuietly, kafkaFor, produce } from "../kafka/fixtures";
import { commit, testSampler } from "./helpers";

/**
 * The Cluster page's group list on the real Kafka: a consumer group deleted with the admin API
 * leaves the overview with the first sample that no longer lists it, although older samples of
 * the signal window still hold it (before, it lingered there for the whole window, "lagging"
 * with lag 0).
 */
describe("a deleted consumer group drops off the Cluster page", () => {
  const kafka = kafkaFor();
  let admin: Admin;
  const topic = uniqueName("it-gone-orders");
  const kept = uniqueName("it-gone-kept");
  const doomed = uniqueName("it-gone-doomed");

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: 1, replicationFactor: 1 }]);
    await produce(kafka, topic, { 0: 50 });
    await commit(admin, kept, topic, { 0: 10 });
    await commit(admin, doomed, topic, { 0: 20 });
  });

  afterAll(async () => {
    await deleteQuietly(admin, [topic], [kept, doomed]);
    await admin.disconnect();
  });

  it("lists the group while Kafka does, and not after Kafka deleted it", async () => {
    const sampler = testSampler({ fastMs: 500, scope: { topics: [topic] } });
    sampler.start();
    try {
      const listed = (s: ClusterSnapshot | null | undefined) => new Set(s?.groups.map((g) => g.groupId) ?? []);
      await waitFor(async () => sampler.history(), (h) => h.filter((s) => listed(s).has(doomed)).length >= 2, { what: "two samples listing both groups" });
      expect(buildOverview(sampler.history(), [], 60_000).groups.map((g) => g.groupId)).toEqual(expect.arrayContaining([kept, doomed]));

      await admin.deleteGroups([doomed]);
      await waitFor(async () => sampler.latest(), (s) => !listed(s).has(doomed) && listed(s).has(kept), { what: "a sample without the deleted group" });
      const history = sampler.history();
      // the window still holds samples that list it…
      expect(history.some((s) => listed(s).has(doomed))).toBe(true);
      // …but the page lists what Kafka lists now
      const overview = buildOverview(history, [], 60_000);
      expect(overview.groups.map((g) => g.groupId)).toContain(kept);
      expect(overview.groups.map((g) => g.groupId)).not.toContain(doomed);
      expect(overview.totals.groups).toBe(overview.groups.length);
    } finally {
      sampler.stop();
    }
  });
});
