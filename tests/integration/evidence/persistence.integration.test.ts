import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "kafkajs";
import { db } from "@/lib/server/db";
import { loadSamples } from "@/lib/server/evidence/load-samples";
import { uniqueName, waitFor } from "../helpers";
import { createTopics, deleteQuietly, kafkaFor } from "../kafka/fixtures";
import { commit, dbStore, sleep, steadyProducer, testSampler } from "./helpers";

describe("sampler: persisted history", () => {
  const kafka = kafkaFor();
  let admin: Admin;
  const topic = uniqueName("it-ev-persist");
  const group = uniqueName("it-ev-persist-g");

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: 2, replicationFactor: 1 }]);
  });

  afterAll(async () => {
    await deleteQuietly(admin, [topic], [group]);
    await admin.disconnect();
  });

  it("persists keyframes and deltas that decode to the sampled snapshots, prunes past the retention, and reloads after a restart", async () => {
    const cluster = uniqueName("it-cluster");
    const producer = steadyProducer(kafka, topic, 20);
    await commit(admin, group, topic, { 0: 0, 1: 0 });
    const scope = { topics: [topic], groups: [group] };
    const sampler = testSampler({ cluster, store: dbStore, fastMs: 500, slowMs: 2_000, retentionMs: 4_000, scope });
    sampler.start();
    try {
      // Run past the retention so pruning has happened at least once.
      await waitFor(async () => sampler.history(), (h) => h.length > 0 && h[h.length - 1]!.takenAt - h[0]!.takenAt > 9_000, { timeoutMs: 90_000, what: "9 s of samples" });
      sampler.stop();
      await sleep(200);
      const rows = await db().evidenceSample.findMany({ where: { cluster }, orderBy: { takenAt: "asc" }, select: { takenAt: true, keyframe: true, keyframeId: true, payload: true } });
      const newest = sampler.latest()!.takenAt;
      expect(rows.length).toBeGreaterThan(2);
      expect(rows.some((r) => r.keyframe)).toBe(true);
      expect(rows.some((r) => !r.keyframe)).toBe(true);
      // Pruned: nothing older than the retention plus one keyframe interval (the boundary keyframe).
      expect(rows[0]!.keyframe).toBe(true);
      expect(newest - rows[0]!.takenAt.getTime()).toBeLessThanOrEqual(4_000 + 2_000 + 1_500);
      // Deltas are much smaller than keyframes on this quiet topic.
      const kf = rows.filter((r) => r.keyframe).map((r) => r.payload.length);
      const deltas = rows.filter((r) => !r.keyframe).map((r) => r.payload.length);
      expect(Math.max(...deltas)).toBeLessThanOrEqual(Math.max(...kf));

      // Decoded rows equal what the sampler had in memory at the same instants.
      const loaded = await loadSamples(cluster, 0, Date.now());
      expect(loaded.snapshots.length).toBe(rows.length);
      const memory = new Map(sampler.history().map((s) => [s.takenAt, s]));
      for (const s of loaded.snapshots) {
        const m = memory.get(s.takenAt);
        if (!m) continue;
        expect(s.topics).toEqual(m.topics);
        expect(s.groups.map((g) => g.offsets)).toEqual(m.groups.map((g) => g.offsets));
      }

      // A new sampler for the same cluster (a restarted server) starts with the stored history.
      const restarted = testSampler({ cluster, store: dbStore, fastMs: 60_000, scope });
      await restarted.ready(10_000);
      restarted.stop();
      expect(restarted.history().length).toBeGreaterThan(1);
      expect(restarted.history()[0]!.takenAt).toBeLessThan(newest);
    } finally {
      sampler.stop();
      await producer.stop();
    }
  });
});
