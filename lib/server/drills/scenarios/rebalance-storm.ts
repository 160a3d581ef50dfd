import { type DrillConsumer, type Scenario, sleep, withKit } from "../kit";

/**
 * 001 S2: a member keeps joining and leaving (crash loop, too-short max.poll.interval), so the
 * group rebalances every couple of seconds while two steady members try to work.
 */
export const rebalanceStorm: Scenario = {
  id: "rebalance-storm",
  title: "Rebalance storm: members join and leave repeatedly",
  injectedCause: "consumer.rebalance-storm",
  seed: "001 S2",
  needsNodes: 1,
  samples: 12,
  start: (ctx) =>
    withKit(ctx, "rebalance-storm", async (kit) => {
      const topic = await kit.createTopic("payments", { partitions: 6 });
      const group = kit.group();
      (await kit.pace(topic, { rate: () => 60, message: (i) => ({ partition: i % 6 }) })).start();
      await kit.consumer(group, topic);
      await kit.consumer(group, topic);
      await kit.waitForStableGroup(group, 2);
      await kit.waitForCaughtUp(group);
      let flapping = true;
      let current: DrillConsumer | null = null;
      let loop: Promise<void> | null = null;
      const flap = async () => {
        while (flapping) {
          current = await kit.consumer(group, topic).catch(() => null);
          await sleep(1_500);
          await current?.stop();
          current = null;
          await sleep(700);
        }
      };
      kit.onCleanup(async () => {
        flapping = false;
        await loop;
      });
      return kit.running({
        scope: { kind: "group", name: group },
        tick: (i) => {
          if (i === 0) loop = flap();
        },
        established: (s) => {
          const c = s.groups.find((g) => g.groupId === group)?.churn;
          return !!c && Math.max(c.stateTransitions.length, c.memberSetChanges) >= 3;
        },
      });
    }),
};
