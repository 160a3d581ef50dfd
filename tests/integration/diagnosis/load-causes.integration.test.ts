import { describe, expect, it } from "vitest";
import { healthy, producerDrop, rebalanceStorm, slowSink, tooFewPartitions, trafficSpike } from "@/lib/server/drills/scenarios";
import { WORTH_INVESTIGATING } from "@/lib/domain/diagnosis/rank";
import { drill, expectInjectedFirst } from "./drill-kit";

/** Seed 001 conditions created on the real local Kafka: the injected cause must rank first. */
describe("diagnosis on real Kafka: churn, partitions, spike, drop, sink, healthy", () => {
  it("rebalance storm → consumer.rebalance-storm", async () => {
    expectInjectedFirst(await drill(rebalanceStorm));
  });

  it("too few partitions for the consumers → topic.insufficient-partitions", async () => {
    const r = await drill(tooFewPartitions);
    expectInjectedFirst(r);
    expect(r.signals.groups[0]?.idleMembers).toBe(2);
  });

  it("producer traffic spike → producer.traffic-spike", async () => {
    expectInjectedFirst(await drill(trafficSpike));
  });

  it("producer input drops to 10% of its baseline → producer.throttled, with the consumer keeping pace", async () => {
    const r = await drill(producerDrop);
    expectInjectedFirst(r);
    expect(r.signals.topics[0]?.inputChangeRatio).toBeLessThanOrEqual(0.33);
    // nothing on the consumer side: the group stays caught up and no consumer cause passes the threshold
    expect(r.diagnosis.causes.filter((c) => c.id.startsWith("consumer.")).map((c) => c.id)).toEqual([]);
  });

  it("slow sink → consumer.sink-bottleneck", async () => {
    expectInjectedFirst(await drill(slowSink));
  });

  it("a healthy caught-up group passes no cause past the threshold and proposes neither SEV1 nor SEV2", async () => {
    const r = await drill(healthy);
    expect(r.diagnosis.causes.filter((c) => c.score >= WORTH_INVESTIGATING), JSON.stringify(r.diagnosis.causes)).toEqual([]);
    expect(["SEV3", "SEV4"]).toContain(r.severity.level);
    expect(r.passed).toBe(true);
  });
});
