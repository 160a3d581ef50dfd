import { reached, type Scenario, withKit } from "../kit";

/**
 * 001 S12, the silent failure: "consumers can hang without crashing". A kafkajs member keeps
 * heartbeating (the group stays Stable with the same member) but its record handler never
 * returns, so no committed offset moves on any partition while the producers go on writing.
 * Kafka shows no error; only the evidence does. Ripcord must call it consumer.stopped (stopped
 * or hung), not a poison record and not "fine because the group has members".
 */
export const hungConsumer: Scenario = {
  id: "hung-consumer",
  title: "Hung consumer: members heartbeat, nothing is committed",
  injectedCause: "consumer.stopped",
  seed: "001 S12",
  needsNodes: 1,
  samples: 10,
  start: (ctx) =>
    withKit(ctx, "hung-consumer", async (kit) => {
      const topic = await kit.createTopic("payments", { partitions: 3 });
      const group = kit.group();
      let hung = false;
      (await kit.pace(topic, { rate: () => 60, message: (i) => ({ partition: i % 3 }) })).start();
      await kit.consumer(group, topic, { hang: () => hung });
      await kit.waitForStableGroup(group, 1);
      await kit.waitForCaughtUp(group);
      return kit.running({
        scope: { kind: "group", name: group },
        tick: (i, planned) => {
          if (reached(i, planned, 0.2)) hung = true;
        },
        established: (s) => {
          const g = s.groups.find((x) => x.groupId === group);
          const lagging = g?.partitions.filter((p) => (p.lag ?? 0) > 0) ?? [];
          return !!g && g.memberCount > 0 && lagging.length === g.partitions.length && lagging.every((p) => p.committedFrozen);
        },
      });
    }),
};
