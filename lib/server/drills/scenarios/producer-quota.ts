import { reached, type Scenario, withKit } from "../kit";

const VALUE = "q".repeat(500);

/**
 * 001 S15 through Kafka itself: a producer writes a steady 200 rec/s of 500-byte records (about
 * 100 KB/s) to a consumed topic; a third of the way in, a client quota of 10 KB/s is set on its
 * client id (AlterClientQuotas producer_byte_rate). The brokers throttle it: throttle time in
 * their metrics (Prometheus) and the input rate falling below its baseline. Cleanup removes the
 * quota.
 */
export const producerQuota: Scenario = {
  id: "producer-quota",
  title: "Producer throttled by a client quota (10 KB/s on its client id)",
  injectedCause: "producer.throttled",
  seed: "001 S15",
  needsNodes: 1,
  needsMetrics: true,
  samples: 14,
  start: (ctx) =>
    withKit(ctx, "producer-quota", async (kit) => {
      const topic = await kit.createTopic("clicks", { partitions: 3 });
      const group = kit.group();
      (await kit.pace(topic, { rate: () => 200, message: (i) => ({ partition: i % 3, value: VALUE }), maxRecords: 100_000 })).start();
      await kit.consumer(group, topic);
      await kit.waitForStableGroup(group, 1);
      await kit.waitForCaughtUp(group);
      let throttled = false;
      return kit.running({
        scope: { kind: "group", name: group },
        tick: async (i, planned) => {
          if (throttled || !reached(i, planned, 1 / 3)) return;
          throttled = true;
          await kit.setClientQuota(kit.prefix, "producer_byte_rate", 10_240);
        },
        established: (s) => throttled && (s.brokerMetrics?.brokers.some((b) => (b.metrics.produceThrottleMs.recent ?? 0) >= 10) ?? false),
      });
    }),
};
