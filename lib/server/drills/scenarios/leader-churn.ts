import { reached, type Scenario, sleep, withKit } from "../kit";

/**
 * Leadership churn (000): on a 3-broker cluster, every broker stays up while partition leadership
 * keeps moving. A topic with three RF=2 partitions is reassigned every other sample, rotating each
 * partition's replica pair one broker along (partition p on [b(p+r), b(p+r+1)] in round r), so the
 * current leader leaves the replica set and the controller elects the next one: three leader
 * changes per round without any broker leaving or joining. Traffic keeps flowing through it.
 * Reassignment goes through the kit's kafkajs admin client (no gateway method needed).
 */
export const leaderChurn: Scenario = {
  id: "leader-churn",
  title: "Leadership churn: leaders move repeatedly, every broker up",
  injectedCause: "cluster.controller-churn",
  seed: "000",
  needsNodes: 3,
  samples: 12,
  start: (ctx) =>
    withKit(ctx, "leader-churn", async (kit) => {
      const cluster = await kit.gateway.describeCluster();
      const ids = cluster.brokers.map((b) => b.nodeId).sort((a, b) => a - b).slice(0, 3);
      if (ids.length < 3) throw new Error(`leader-churn needs 3 brokers, the cluster has ${ids.length} (KAFKA_NODES=3)`);
      const pair = (p: number, round: number) => [ids[(p + round) % 3]!, ids[(p + round + 1) % 3]!];
      const topic = await kit.createTopic("payments", { replicaAssignment: [0, 1, 2].map((partition) => ({ partition, replicas: pair(partition, 0) })) });
      const group = kit.group();
      (await kit.pace(topic, { rate: () => 30, message: (i) => ({ partition: i % 3 }) })).start();
      await kit.consumer(group, topic);
      await kit.waitForStableGroup(group, 1);
      await kit.waitForCaughtUp(group);
      let round = 0;
      // a reassignment still in flight when the run stops: let it finish before the topic is deleted
      kit.onCleanup(async () => {
        const deadline = Date.now() + 15_000;
        while (Date.now() < deadline) {
          const inFlight = await kit.admin.listPartitionReassignments({ topics: [{ topic, partitions: [0, 1, 2] }] }).catch(() => null);
          if (!inFlight || inFlight.topics.every((t) => t.partitions.length === 0)) return;
          await sleep(300);
        }
      });
      return kit.running({
        scope: { kind: "cluster", name: cluster.clusterId ?? "cluster" },
        tick: async (i, planned) => {
          // every other sample from a quarter of the window, none in the last two (they settle)
          if (!reached(i, planned, 0.25) || i >= planned - 2 || i % 2 === 0) return;
          round++;
          kit.log(`moving leadership of ${topic} (round ${round})`);
          await kit.admin.alterPartitionReassignments({
            topics: [{ topic, partitionAssignment: [0, 1, 2].map((partition) => ({ partition, replicas: pair(partition, round) })) }],
            timeout: 10_000,
          });
        },
        established: (s) => s.cluster.brokersLeft.length === 0 && s.cluster.leaderChanges.filter((l) => l.topic === topic).length >= 3,
      });
    }),
};
