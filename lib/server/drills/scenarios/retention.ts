import { type Scenario, withKit } from "../kit";

/**
 * 001 S14: a slow consumer works through a 2,000-record backlog at 5 rec/s per partition while
 * someone shortens retention.ms to 4 s (segments roll every second): the broker deletes records
 * the group has not read yet, so its committed offsets fall below the log start offset.
 */
export const retention: Scenario = {
  id: "retention",
  title: "Retention shorter than the lag: unread records deleted",
  injectedCause: "topic.retention-too-short",
  seed: "001 S14",
  needsNodes: 1,
  samples: 10,
  start: (ctx) =>
    withKit(ctx, "retention", async (kit) => {
      const topic = await kit.createTopic("audit", { partitions: 2, configs: { "retention.ms": "3600000", "segment.ms": "1000" } });
      const group = kit.group();
      const pacer = await kit.pace(topic, { rate: () => 50, message: (i) => ({ partition: i % 2 }) });
      await pacer.burst(2_000, (i) => ({ partition: i % 2 }));
      pacer.start();
      await kit.consumer(group, topic, { perPartitionRate: () => 5, maxBytesPerPartition: 1_048_576 });
      await kit.waitForStableGroup(group, 1);
      let shortened = false;
      return kit.running({
        scope: { kind: "group", name: group },
        tick: async () => {
          if (shortened) return;
          shortened = true;
          await kit.alterTopicConfig(topic, { "retention.ms": "4000" });
        },
        established: (s) => {
          const g = s.groups.find((x) => x.groupId === group);
          return !!g && g.partitions.some((p) => p.retention.kind === "lost");
        },
      });
    }),
};
