import { type Scenario, withKit } from "../kit";

/** Healthy baseline: a caught-up group under steady traffic. No cause may pass the threshold. */
export const healthy: Scenario = {
  id: "healthy",
  title: "Healthy baseline: caught-up group, steady traffic",
  injectedCause: null,
  seed: "000",
  needsNodes: 1,
  samples: 10,
  start: (ctx) =>
    withKit(ctx, "healthy", async (kit) => {
      const topic = await kit.createTopic("orders", { partitions: 3 });
      const group = kit.group();
      (await kit.pace(topic, { rate: () => 30, message: (i) => ({ partition: i % 3 }) })).start();
      await kit.consumer(group, topic);
      await kit.waitForStableGroup(group, 1);
      await kit.waitForCaughtUp(group);
      return kit.running({
        scope: { kind: "group", name: group },
        established: (s) => (s.groups.find((g) => g.groupId === group)?.consumeRatePerSec ?? 0) > 0,
      });
    }),
};
