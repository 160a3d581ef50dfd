import { IDLE_SATURATED_PCT, LATENCY_RATIO, QUEUE_RISE_MS } from "@/lib/domain/diagnosis/checks-broker-metrics";
import { reached, requireBrokerChangesAllowed, type Scenario, sleep, WARM_UP_MS, withKit } from "../kit";

/** Producers keeping requests in flight in the overload phase: each is one connection, so one request in the broker's queue. */
export const OVERLOAD_CONNECTIONS = 12;
/** Requests each of them keeps in flight: the next one already waits in the socket when an answer leaves. */
export const OVERLOAD_DEPTH = 2;
/** Bytes of record values per overload request (8 records of 32 KiB): ~15–30 ms of gzip on an idle core. */
export const OVERLOAD_REQUEST_BYTES = 256 * 1024;
/** A bound on the whole phase: at most this many overload requests per connection (3,000 in all, ≤ 750 MiB before gzip; a test run sends a few hundred). */
export const OVERLOAD_MAX_REQUESTS = 250;

/**
 * Text-like values (words of a small vocabulary and numbers in a seeded order): compressible, so
 * gzip has real work on every batch, and the same bytes every request, so each costs the broker
 * about the same.
 */
export function overloadRecords(partitions: number): { partition: number; value: Buffer }[] {
  const words = "payment settled refund pending card issuer ledger account transfer fraud review merchant authorised captured declined currency euro dollar batch invoice".split(" ");
  let seed = 0x2545f491;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  const size = OVERLOAD_REQUEST_BYTES / 8;
  return Array.from({ length: 8 }, (_, r) => {
    let text = "";
    while (text.length < size) text += `${words[next() % words.length]} ${next() % 100_000} `;
    return { partition: r % partitions, value: Buffer.from(text.slice(0, size)) };
  });
}

/**
 * Seed 000 / 001 S11 from the broker's side: eight producers write a steady 1,200 rec/s into a topic
 * whose partitions all live on one broker. A third of the way in, that broker is left with one
 * request handler (I/O) thread (num.io.threads stepped 8 → 4 → 2 → 1 at runtime), the topic is set
 * to compression.type=gzip (the producers send uncompressed, so the broker's log validation
 * recompresses every batch on that one thread), and twelve more producers keep two 256 KiB
 * requests each in flight.
 *
 * Why this holds on a busy machine (the earlier injection — fsync per write for a paced load —
 * did not, in the full suite): each request costs the broker's only I/O thread tens of
 * milliseconds of gzip, and twelve connections always have one waiting (the broker reads one
 * request per connection at a time; the second is already in the socket), so the thread never
 * idles and requests queue for about eleven requests' work. That is set by what the drill sends,
 * not by how fast a starved client turns around: the client only keeps its sockets full (a CRC
 * and a copy per request), and a slower machine slows the broker's gzip too, i.e. makes the
 * overload larger. Bounded: ~24 requests in flight, at most OVERLOAD_MAX_REQUESTS per
 * connection, one core at most (one thread); other clients of that broker wait longer (about
 * the queue) but do not time out.
 *
 * Nothing changes in what the admin API's evidence shows (compression.type is not a snapshot
 * config), so only broker metrics (Prometheus) show the cause: request queue time far above its
 * baseline, the I/O threads ~0% idle. Broker-wide, so it runs only on loopback brokers or a
 * cluster marked non-production, refused before anything is contacted. Cleanup stops the load,
 * restores the thread pool as found, reverts the topic config and deletes the topic.
 */
export const brokerOverload: Scenario = {
  id: "broker-overload",
  title: "Broker overload: one I/O thread left to recompress a produce load",
  injectedCause: "broker.overload",
  seed: "000, 001 S11",
  needsNodes: 1,
  needsMetrics: true,
  samples: 16,
  start: async (ctx) => {
    // before the kit connects: nothing is created (or contacted) on a cluster that may be production
    requireBrokerChangesAllowed(ctx, "the broker-overload drill");
    return withKit(ctx, "broker-overload", async (kit) => {
      const target = Math.min(...(await kit.gateway.describeCluster()).brokers.map((b) => b.nodeId));
      const topic = await kit.createTopic("payments", { replicaAssignment: [0, 1, 2].map((partition) => ({ partition, replicas: [target] })) });
      for (let p = 0; p < 8; p++) (await kit.pace(topic, { rate: () => 150, message: (i) => ({ partition: i % 3, value: `payment ${i} `.padEnd(200, "·") }), maxRecords: 100_000 })).start();
      const records = overloadRecords(3);
      const loads = await Promise.all(Array.from({ length: OVERLOAD_CONNECTIONS }, () => kit.inFlightLoad(topic, { depth: OVERLOAD_DEPTH, records, maxRequests: OVERLOAD_MAX_REQUESTS })));
      // The brokers' latency percentiles weigh the last seconds of requests but keep older ones
      // until new traffic displaces them: let the drill's own load settle them before the baseline.
      await sleep(WARM_UP_MS);
      let overloaded = false;
      return kit.running({
        scope: { kind: "topic", name: topic },
        tick: async (i, planned) => {
          if (overloaded || !reached(i, planned, 1 / 3)) return;
          overloaded = true;
          await kit.alterTopicConfig(topic, { "compression.type": "gzip" });
          await kit.lowerBrokerThreads(target, "num.io.threads", 1);
          for (const load of loads) load.start();
          kit.log(`broker ${target}: ${OVERLOAD_CONNECTIONS}×${OVERLOAD_DEPTH} requests of ${OVERLOAD_REQUEST_BYTES / 1024} KiB in flight, recompressed with gzip on one I/O thread`);
        },
        established: (s) => {
          const b = s.brokerMetrics?.brokers.find((x) => x.nodeId === target);
          if (!overloaded || !b) return false;
          const queue = b.metrics.requestQueueP99Ms;
          const idle = b.metrics.requestIdlePct.recent;
          // the thresholds broker.handler-idle and broker.request-latency judge by
          return (idle !== null && idle <= IDLE_SATURATED_PCT) || (queue.recent !== null && queue.baseline !== null && queue.recent >= LATENCY_RATIO * queue.baseline && queue.recent - queue.baseline >= QUEUE_RISE_MS);
        },
      });
    });
  },
};
