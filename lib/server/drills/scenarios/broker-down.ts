import { reached, type Scenario, withKit } from "../kit";

/**
 * Broker down (000): on a 3-broker cluster, a topic with one unreplicated partition per broker;
 * the highest broker is stopped, its partition goes offline (leader −1). Needs the harness's
 * node control (ctx.nodes); the broker is restarted on stop.
 */
export const brokerDown: Scenario = {
  id: "broker-down",
  title: "Broker down: RF=1 partitions offline",
  injectedCause: "broker.down",
  seed: "000",
  needsNodes: 3,
  samples: 12,
  start: (ctx) =>
    withKit(ctx, "broker-down", async (kit) => {
      const nodes = ctx.nodes;
      if (!nodes) throw new Error("broker-down needs node control (a local 3-node cluster: KAFKA_NODES=3)");
      const cluster = await kit.gateway.describeCluster();
      const ids = cluster.brokers.map((b) => b.nodeId).sort((a, b) => a - b);
      if (ids.length < 3) throw new Error(`broker-down needs 3 brokers, the cluster has ${ids.length} (KAFKA_NODES=3)`);
      const victim = ids[ids.length - 1]!;
      kit.sampleFrom(cluster.brokers.filter((b) => b.nodeId !== victim).map((b) => `${b.host}:${b.port}`));
      const topic = await kit.createTopic("ledger", { replicaAssignment: ids.slice(0, 3).map((id, partition) => ({ partition, replicas: [id] })) });
      const group = kit.group();
      for (let p = 0; p < 3; p++) (await kit.pace(topic, { rate: () => 15, message: () => ({ partition: p }) })).start();
      await kit.consumer(group, topic);
      await kit.waitForStableGroup(group, 1);
      await kit.waitForCaughtUp(group);
      let stopped = false;
      kit.onCleanup(async () => {
        if (stopped) await nodes.start(victim);
      });
      return kit.running({
        scope: { kind: "cluster", name: cluster.clusterId ?? "cluster" },
        tick: async (i, planned) => {
          if (stopped || !reached(i, planned, 0.25)) return;
          stopped = true;
          kit.log(`stopping broker ${victim}`);
          await nodes.stop(victim);
        },
        established: (s) => s.cluster.offlinePartitions.some((p) => p.topic === topic) && !s.cluster.brokerIds.includes(victim),
      });
    }),
};
