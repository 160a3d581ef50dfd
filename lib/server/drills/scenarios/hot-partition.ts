import { type Scenario, withKit } from "../kit";

/**
 * 001 S5: keyed traffic where one key dominates. 80% of 120 rec/s carries the key
 * "customer-42", so the default partitioner sends it all to one partition; each partition is
 * processed in order at 40 rec/s, so lag piles up on that partition only.
 */
export const hotPartition: Scenario = {
  id: "hot-partition",
  title: "Hot partition: one key takes most of the traffic",
  injectedCause: "topic.partition-skew",
  seed: "001 S5",
  needsNodes: 1,
  samples: 10,
  start: (ctx) =>
    withKit(ctx, "hot-partition", async (kit) => {
      const topic = await kit.createTopic("clicks", { partitions: 3 });
      const group = kit.group();
      (await kit.pace(topic, { rate: () => 120, message: (i) => ({ key: i % 10 < 8 ? "customer-42" : `customer-${i}` }) })).start();
      await kit.consumer(group, topic, { perPartitionRate: () => 40 });
      await kit.waitForStableGroup(group, 1);
      return kit.running({
        scope: { kind: "group", name: group },
        established: (s) => {
          const g = s.groups.find((x) => x.groupId === group);
          return !!g && g.partitions.some((p) => (p.lagShare ?? 0) >= 0.6 && !p.committedFrozen);
        },
      });
    }),
};
