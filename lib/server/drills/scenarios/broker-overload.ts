import { reached, type Scenario, sleep, WARM_UP_MS, withKit } from "../kit";

/**
 * Seed 000 / 001 S11 from the broker's side: eight producers write a steady 1,200 rec/s into a topic
 * whose partitions all live on one broker. A third of the way in, that broker is left with one
 * request handler (I/O) thread (num.io.threads stepped 8 → 4 → 2 → 1 at runtime) and the topic
 * syncs every write to disk (flush.messages=1), so each produce request holds the one thread for
 * a few milliseconds of fsync: requests queue for it and it never idles. Cheap on CPU on purpose
 * (the broker's exporter must still answer its scrapes). Nothing changes on the client side, so
 * only broker metrics (Prometheus) show the cause: request queue time and produce p99 far above
 * their baseline, the I/O threads ~0% idle. Cleanup restores the thread pool and the topic config.
 */
export const brokerOverload: Scenario = {
  id: "broker-overload",
  title: "Broker overload: one I/O thread left for a steady produce load",
  injectedCause: "broker.overload",
  seed: "000, 001 S11",
  needsNodes: 1,
  needsMetrics: true,
  samples: 16,
  start: (ctx) =>
    withKit(ctx, "broker-overload", async (kit) => {
      const target = Math.min(...(await kit.gateway.describeCluster()).brokers.map((b) => b.nodeId));
      const topic = await kit.createTopic("payments", { replicaAssignment: [0, 1, 2].map((partition) => ({ partition, replicas: [target] })) });
      for (let p = 0; p < 8; p++) (await kit.pace(topic, { rate: () => 150, message: (i) => ({ partition: i % 3, value: `payment ${i} `.padEnd(200, "·") }), maxRecords: 100_000 })).start();
      // The brokers' latency percentiles weigh the last seconds of requests but keep older ones
      // until new traffic displaces them: let the drill's own load settle them before the baseline.
      await sleep(WARM_UP_MS);
      let overloaded = false;
      return kit.running({
        scope: { kind: "topic", name: topic },
        tick: async (i, planned) => {
          if (overloaded || !reached(i, planned, 1 / 3)) return;
          overloaded = true;
          await kit.alterTopicConfig(topic, { "flush.messages": "1" });
          await kit.lowerBrokerThreads(target, "num.io.threads", 1);
        },
        established: (s) => {
          const b = s.brokerMetrics?.brokers.find((x) => x.nodeId === target);
          if (!overloaded || !b) return false;
          const queue = b.metrics.requestQueueP99Ms;
          const idle = b.metrics.requestIdlePct.recent;
          return (idle !== null && idle <= 20) || (queue.recent !== null && queue.baseline !== null && queue.recent >= 3 * queue.baseline + 10);
        },
      });
    }),
};
