import "server-only";
import { env } from "../env";
import { watchFreshness } from "../freshness/watch-freshness";
import { watchIncidentEvidence } from "../incidents/watch-evidence";
import { watchIncidentLog } from "../incidents/watch-incident-log";
import { configuredClusters, findCluster } from "../clusters/configured-clusters";
import { clusterConfigOf, clusterKey, getGateway } from "../kafka/registry";
import { getBrokerMetricsReader } from "../prometheus/registry";
import { appendSample } from "./append-sample";
import { clusterOf } from "./cluster-identity";
import { loadKeyframes } from "./load-keyframes";
import { loadSamples } from "./load-samples";
import { pruneSamples } from "./prune-samples";
import { samplerLeadership } from "./sampler-leadership";
import { EvidenceSampler } from "./sampler";

/**
 * The sampler of a configured cluster (the default one when no name is given): one per cluster
 * and process (kept on globalThis across Next's module reloads), created and started by the
 * first read (or at start-up for every cluster, lib/server/startup.ts). Each has its own
 * gateway, timer and history, so a slow or unreachable cluster never delays another's samples.
 * On PostgreSQL, one instance leads per cluster (lib/server/evidence/sampler-leadership.ts).
 * Throws KafkaGatewayError when the cluster is not configured.
 */
type Samplers = Map<string, EvidenceSampler>;
const KEY = Symbol.for("ripcord.evidence.samplers");
const holder = globalThis as typeof globalThis & { [KEY]?: Samplers };

export function getSampler(name?: string | null): EvidenceSampler {
  const cluster = clusterOf(name);
  const config = clusterConfigOf(cluster);
  const key = `${cluster}|${clusterKey(config)}`;
  holder[KEY] ??= new Map();
  let sampler = holder[KEY].get(key);
  if (!sampler) {
    sampler = new EvidenceSampler({
      // Rows (and the sampler's leadership) are keyed by the one cluster identity; history taken
      // on another Kafka cluster under the same name is recognised by Kafka's cluster id and left
      // out (sampler.ts).
      cluster,
      leadership: samplerLeadership(cluster),
      gateway: getGateway(config),
      fastMs: env().RIPCORD_SAMPLE_INTERVAL_MS,
      where: config.brokers.join(","),
      store: { append: appendSample, prune: pruneSamples, load: loadSamples, loadKeyframes },
      // the open incidents' evidence first, then the freshness watch (which may open one)
      onSample: async (history) => {
        await watchIncidentEvidence(history, { cluster });
        await watchFreshness(history, { cluster });
      },
      brokerMetrics: getBrokerMetricsReader(findCluster(cluster)?.prometheus ?? null),
    });
    holder[KEY].set(key, sampler);
    watchIncidentLog();
  }
  sampler.start();
  return sampler;
}

/** Starts the sampler of every configured cluster (start-up). */
export function startAllSamplers(): EvidenceSampler[] {
  return configuredClusters().map((c) => getSampler(c.name));
}

/** Stops every sampler of this process (tests, shutdown). */
export function stopSamplers(): void {
  for (const s of holder[KEY]?.values() ?? []) s.stop();
  holder[KEY]?.clear();
}
