import { type DrillConsumer, reached, type Scenario, withKit } from "../kit";

/** 001 S12: the consumers stop (no error, no alert); the group goes Empty while input goes on. */
export const silentStop: Scenario = {
  id: "silent-stop",
  title: "Silent consumer stop: group empty, offsets frozen",
  injectedCause: "consumer.stopped",
  seed: "001 S12",
  needsNodes: 1,
  samples: 10,
  start: (ctx) =>
    withKit(ctx, "silent-stop", async (kit) => {
      const topic = await kit.createTopic("invoices", { partitions: 3 });
      const group = kit.group();
      (await kit.pace(topic, { rate: () => 60, message: (i) => ({ partition: i % 3 }) })).start();
      let consumer: DrillConsumer | null = await kit.consumer(group, topic);
      await kit.waitForStableGroup(group, 1);
      await kit.waitForCaughtUp(group);
      return kit.running({
        scope: { kind: "group", name: group },
        tick: async (i, planned) => {
          if (consumer && reached(i, planned, 0.2)) {
            await consumer.stop();
            consumer = null;
          }
        },
        established: (s) => s.groups.find((g) => g.groupId === group)?.status === "stopped",
      });
    }),
};
