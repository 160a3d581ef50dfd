import { reached, type Scenario, withKit } from "../kit";

/**
 * 001 S1/S7: the downstream sink slows at peak. The consumer keeps pace with 90 rec/s input,
 * then (at 30% of the window) its sink writes slow to 25 rec/s: the consume rate falls while
 * input holds, the group stays Stable and every partition keeps moving. That is the evidence
 * of consumer.sink-bottleneck (a consume-rate drop against its own baseline), not of
 * consumer.slow-processing, which is a steady shortfall drifting over hours or days.
 */
export const slowSink: Scenario = {
  id: "slow-sink",
  title: "Slow sink: consumer throughput falls at peak (backpressure)",
  injectedCause: "consumer.sink-bottleneck",
  seed: "001 S1, S7",
  needsNodes: 1,
  samples: 12,
  start: (ctx) =>
    withKit(ctx, "slow-sink", async (kit) => {
      const topic = await kit.createTopic("events", { partitions: 3 });
      const group = kit.group();
      let slow = false;
      (await kit.pace(topic, { rate: () => 90, message: (i) => ({ partition: i % 3 }) })).start();
      await kit.consumer(group, topic, { totalRate: () => (slow ? 25 : null) });
      await kit.waitForStableGroup(group, 1);
      await kit.waitForCaughtUp(group);
      return kit.running({
        scope: { kind: "group", name: group },
        tick: (i, planned) => {
          if (reached(i, planned, 0.3)) slow = true;
        },
        established: (s) => {
          const g = s.groups.find((x) => x.groupId === group);
          const base = g?.baselineConsumeRatePerSec ?? null;
          const recent = g?.recentConsumeRatePerSec ?? null;
          return !!g && g.totalLag > 0 && base !== null && recent !== null && recent <= 0.75 * base;
        },
      });
    }),
};
