import { type Scenario, withKit } from "../kit";

/**
 * Too few partitions for the consumers (001 S5's "just add consumers", 000): four members share
 * a 2-partition topic, so two sit idle while the backlog grows (100 rec/s in, 30 rec/s per
 * partition out). Adding consumers cannot help; only more partitions can.
 */
export const tooFewPartitions: Scenario = {
  id: "too-few-partitions",
  title: "Too few partitions for the consumers: idle members, growing lag",
  injectedCause: "topic.insufficient-partitions",
  seed: "001 S5, 000",
  needsNodes: 1,
  samples: 10,
  start: (ctx) =>
    withKit(ctx, "too-few-partitions", async (kit) => {
      const topic = await kit.createTopic("sessions", { partitions: 2 });
      const group = kit.group();
      (await kit.pace(topic, { rate: () => 100, message: (i) => ({ partition: i % 2 }) })).start();
      for (let k = 0; k < 4; k++) await kit.consumer(group, topic, { perPartitionRate: () => 30 });
      await kit.waitForStableGroup(group, 4);
      return kit.running({
        scope: { kind: "group", name: group },
        established: (s) => {
          const g = s.groups.find((x) => x.groupId === group);
          return !!g && g.idleMembers > 0 && (g.lagGrowthPerSec ?? 0) > 0;
        },
      });
    }),
};
