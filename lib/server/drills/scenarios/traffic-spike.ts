import { type Scenario, withKit } from "../kit";

/**
 * 001 S11: producers jump from a 30 rec/s baseline to 300 rec/s (×10) for the last third of the
 * window; the consumer (40 rec/s per partition) keeps pace with the baseline, not the spike.
 */
export const trafficSpike: Scenario = {
  id: "traffic-spike",
  title: "Producer traffic spike: input ×10 over its baseline",
  injectedCause: "producer.traffic-spike",
  seed: "001 S11",
  needsNodes: 1,
  samples: 12,
  start: (ctx) =>
    withKit(ctx, "traffic-spike", async (kit) => {
      const topic = await kit.createTopic("signups", { partitions: 3 });
      const group = kit.group();
      let rate = 30;
      (await kit.pace(topic, { rate: () => rate, message: (i) => ({ partition: i % 3 }) })).start();
      await kit.consumer(group, topic, { perPartitionRate: () => 40 });
      await kit.waitForStableGroup(group, 1);
      await kit.waitForCaughtUp(group);
      return kit.running({
        scope: { kind: "group", name: group },
        tick: (i, planned) => {
          // the spike fills exactly the "recent" third of intervals the signals compare to the baseline
          const recentIntervals = Math.max(1, Math.floor((planned - 1) / 3));
          if (i >= planned - 1 - recentIntervals) rate = 300;
        },
        established: (s) => (s.topics.find((t) => t.name === topic)?.inputChangeRatio ?? 0) >= 3,
      });
    }),
};
