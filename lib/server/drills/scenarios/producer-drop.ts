import { type Scenario, withKit } from "../kit";

/**
 * 001 S15: the producers are throttled upstream. Input runs at a 60 rec/s baseline, then drops to
 * 6 rec/s (10%) for the last third of the window; the consumer keeps pace throughout, so there is
 * no backlog: the evidence is the input rate falling far below its own baseline
 * (producer.throttled), not anything on the consumer side.
 */
export const producerDrop: Scenario = {
  id: "producer-drop",
  title: "Producer throttled upstream: input falls to 10% of its baseline",
  injectedCause: "producer.throttled",
  seed: "001 S15",
  needsNodes: 1,
  samples: 12,
  start: (ctx) =>
    withKit(ctx, "producer-drop", async (kit) => {
      const topic = await kit.createTopic("clicks", { partitions: 3 });
      const group = kit.group();
      let rate = 60;
      (await kit.pace(topic, { rate: () => rate, message: (i) => ({ partition: i % 3 }) })).start();
      await kit.consumer(group, topic);
      await kit.waitForStableGroup(group, 1);
      await kit.waitForCaughtUp(group);
      return kit.running({
        scope: { kind: "group", name: group },
        tick: (i, planned) => {
          // the drop fills exactly the "recent" third of intervals the signals compare to the baseline
          const recentIntervals = Math.max(1, Math.floor((planned - 1) / 3));
          if (i >= planned - 1 - recentIntervals) rate = 6;
        },
        established: (s) => {
          const ratio = s.topics.find((t) => t.name === topic)?.inputChangeRatio;
          return ratio !== null && ratio !== undefined && ratio <= 0.33;
        },
      });
    }),
};
