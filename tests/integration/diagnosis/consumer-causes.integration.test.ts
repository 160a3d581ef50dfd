import { describe, expect, it } from "vitest";
import { hotPartition, poisonRecord, retention, silentStop } from "@/lib/server/drills/scenarios";
import { drill, expectInjectedFirst } from "./drill-kit";

/** Seed 001 conditions created on the real local Kafka: the injected cause must rank first. */
describe("diagnosis on real Kafka: skew, stop, poison, retention", () => {
  it("hot partition → topic.partition-skew", async () => {
    const r = await drill(hotPartition);
    expectInjectedFirst(r);
    expect(r.diagnosis.causes[0]!.reasons.join(" ")).toMatch(/holds \d+% of the group's lag/);
  });

  it("silent consumer stop → consumer.stopped", async () => {
    const r = await drill(silentStop);
    expectInjectedFirst(r);
    expect(r.signals.groups[0]?.memberCount).toBe(0);
  });

  it("poison record after a schema change → consumer.poison-record (the schema change ties with it once its event is fed)", async () => {
    const r = await drill(poisonRecord);
    expectInjectedFirst(r);
    expect(r.diagnosis.ruledOut.map((x) => x.id)).toContain("consumer.stopped");
  });

  it("retention shorter than the lag → topic.retention-too-short, SEV1", async () => {
    const r = await drill(retention);
    expectInjectedFirst(r);
    expect(r.severity.level).toBe("SEV1");
  });
});
