import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "kafkajs";
import { buildGroupDetail } from "@/lib/server/evidence/build-views";
import { uniqueName } from "../helpers";
import { createTopics, deleteQuietly, kafkaFor } from "../kafka/fixtures";
import { commit, sleep, steadyProducer, testSampler } from "./helpers";

describe("sampler: lag growth, drain and time lag on a real broker", () => {
  const kafka = kafkaFor();
  let admin: Admin;
  const topic = uniqueName("it-ev-rates");
  const group = uniqueName("it-ev-slow");

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: 1, replicationFactor: 1 }]);
  });

  afterAll(async () => {
    await deleteQuietly(admin, [topic], [group]);
    await admin.disconnect();
  });

  it("a slower consumer shows lag growth, then a finite time to drain once sped up; time lag matches producer timestamps", async () => {
    const producer = steadyProducer(kafka, topic, 40);
    const sampler = testSampler({ fastMs: 1_000, slowMs: 3_000, scope: { topics: [topic], groups: [group] } });
    let committed = 0;
    await commit(admin, group, topic, { 0: 0 });
    sampler.start();
    try {
      // Slow consumer: a quarter of what is produced.
      let phase = Date.now();
      for (let i = 0; i < 8; i++) {
        await sleep(1_000);
        committed = Math.max(committed, Math.floor(producer.produced() / 4));
        await commit(admin, group, topic, { 0: committed });
      }
      await sampler.collectNow();
      let h = sampler.history();
      const slow = buildGroupDetail(h, h, group, sampler.seeds(), Date.now() - phase);
      expect(slow?.group.lagGrowthPerSec).toBeGreaterThan(5);
      expect(slow?.group.drain).toBe("not-draining");
      expect(slow?.group.timeToDrainSeconds).toBeNull();

      // Time lag vs the truth: produce time of the record at the committed offset.
      const latest = sampler.latest()!;
      const committedNow = latest.groups.find((g) => g.groupId === group)?.offsets[0]?.committedOffset ?? 0;
      const producedAt = producer.times.get(committedNow);
      expect(producedAt).toBeDefined();
      const truth = (latest.takenAt - producedAt!) / 1000;
      const measured = slow?.partitions[0]?.timeLagSeconds ?? null;
      expect(measured).not.toBeNull();
      expect(Math.abs(measured! - truth)).toBeLessThanOrEqual(Math.max(5, 0.2 * truth));

      // Sped up: each second the group catches up 30% of its backlog plus what arrived.
      phase = Date.now();
      const from = committed;
      const backlog = producer.produced() - committed;
      for (let i = 1; i <= 6; i++) {
        await sleep(1_000);
        committed = Math.min(producer.produced(), Math.max(committed, from + Math.floor((backlog * i) / 10) + (producer.produced() - from - backlog)));
        await commit(admin, group, topic, { 0: committed });
      }
      await sampler.collectNow();
      h = sampler.history();
      const fast = buildGroupDetail(h, h, group, sampler.seeds(), Date.now() - phase);
      expect(fast?.group.consumeRatePerSec).toBeGreaterThan(fast?.group.inputRatePerSec ?? Infinity);
      // Six tenths of the backlog drained: lag remains, so the drain must be finite and positive.
      expect(fast?.group.totalLag).toBeGreaterThan(0);
      expect(fast?.group.drain).toBe("draining");
      expect(fast?.group.timeToDrainSeconds).toBeGreaterThan(0);
      expect(Number.isFinite(fast?.group.timeToDrainSeconds)).toBe(true);
      // The series feeds the group page's one chart: input and consume rate side by side.
      const series = fast!.series.filter((p) => p.inputRatePerSec !== null && p.consumeRatePerSec !== null);
      expect(series.length).toBeGreaterThan(3);
    } finally {
      sampler.stop();
      await producer.stop();
    }
  });
});
