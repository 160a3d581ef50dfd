/**
 * Conditions captured as unit-test fixtures that are not drills (nothing is wrong, yet a naive
 * engine would say something is): captured by scripts/capture-fixtures.ts beside the drills.
 */
import { type Scenario, withKit } from "@/lib/server/drills/kit";

/**
 * A consumer that joins at the log end (auto.offset.reset=latest) of a topic that already holds
 * records: partitions 0 and 1 get new records and commit, partition 2 gets none and never
 * commits. Its "lag" is counted from the log start, but it is not stuck: a partition that has
 * simply not committed yet is not a poison record (nor skew).
 */
export const lateJoiner: Scenario = {
  id: "late-joiner",
  title: "A partition that has not committed yet (consumer joined at the log end)",
  injectedCause: null,
  seed: "001 S4 (what it is not)",
  needsNodes: 1,
  samples: 10,
  start: (ctx) =>
    withKit(ctx, "late-joiner", async (kit) => {
      const topic = await kit.createTopic("events", { partitions: 3 });
      const group = kit.group();
      const pacer = await kit.pace(topic, { rate: () => 40, message: (i) => ({ partition: i % 2 }) });
      await pacer.burst(300, (i) => ({ partition: i % 3 }));
      await kit.consumer(group, topic, { fromBeginning: false });
      await kit.waitForStableGroup(group, 1);
      pacer.start();
      return kit.running({
        scope: { kind: "group", name: group },
        established: (s) => {
          const g = s.groups.find((x) => x.groupId === group);
          return !!g && g.partitions.filter((p) => p.committedOffset !== null).length === 2 && s.samples >= 6;
        },
      });
    }),
};
