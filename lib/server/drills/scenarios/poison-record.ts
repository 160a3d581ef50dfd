import { reached, type Scenario, withKit } from "../kit";

/**
 * 001 S4: an upstream producer switches the value schema (JSON v1 → binary v2) and writes one
 * record the consumer cannot deserialize to partition 1. The consumer retries it forever
 * without crashing: partition 1's committed offset freezes at that record while partitions 0
 * and 2 keep advancing. The runner records the schema change as a timeline event (for
 * change.schema-incompatible); the drill diagnoses from Kafka evidence alone.
 */
export const poisonRecord: Scenario = {
  id: "poison-record",
  title: "Poison record after an incompatible schema change",
  injectedCause: "consumer.poison-record",
  seed: "001 S4",
  needsNodes: 1,
  samples: 10,
  start: (ctx) =>
    withKit(ctx, "poison-record", async (kit) => {
      const topic = await kit.createTopic("orders", { partitions: 3 });
      const group = kit.group();
      const pacer = (await kit.pace(topic, { rate: () => 60, message: (i) => ({ partition: i % 3 }) })).start();
      await kit.consumer(group, topic, { poison: (m) => m.value === null || m.value[0] !== 0x7b /* "{" */ });
      await kit.waitForStableGroup(group, 1);
      await kit.waitForCaughtUp(group);
      let injected = false;
      return kit.running({
        scope: { kind: "group", name: group },
        tick: async (i, planned) => {
          if (injected || !reached(i, planned, 0.15)) return;
          injected = true;
          const at = Date.now();
          await pacer.burst(1, () => ({ partition: 1, value: "\u0000\u0002schema-v2:amount=string" }));
          kit.events.push({ kind: "schema-change", at, topic, service: "orders-producer", note: "value schema v1 (JSON) → v2 (binary), incompatible" });
        },
        established: (s) => {
          const g = s.groups.find((x) => x.groupId === group);
          return !!g && g.partitions.some((p) => p.partition === 1 && p.status === "stalled");
        },
      });
    }),
};
