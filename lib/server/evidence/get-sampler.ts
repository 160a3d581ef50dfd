import "server-only";
import { env } from "../env";
import { watchIncidentEvidence } from "../incidents/watch-evidence";
import { watchIncidentLog } from "../incidents/watch-incident-log";
import { clusterConfigFromEnv, clusterKey, getGateway } from "../kafka/registry";
import { getBrokerMetricsReader } from "../prometheus/registry";
import { appendSample } from "./append-sample";
import { configuredCluster } from "./cluster-identity";
import { loadKeyframes } from "./load-keyframes";
import { loadSamples } from "./load-samples";
import { pruneSamples } from "./prune-samples";
import { samplerLeadership } from "./sampler-leadership";
import { EvidenceSampler } from "./sampler";

/**
 * The sampler of the configured cluster: one per process (kept on globalThis across Next's
 * module reloads), created and started by the first read (or at start-up, lib/server/startup.ts).
 * On PostgreSQL, one instance leads per cluster (lib/server/evidence/sampler-leadership.ts).
 * Throws KafkaGatewayError when no cluster is configured.
 */
type Samplers = Map<string, EvidenceSampler>;
const KEY = Symbol.for("ripcord.evidence.samplers");
const holder = globalThis as typeof globalThis & { [KEY]?: Samplers };

export function getSampler(): EvidenceSampler {
  const config = clusterConfigFromEnv();
  const key = clusterKey(config);
  holder[KEY] ??= new Map();
  let sampler = holder[KEY].get(key);
  if (!sampler) {
    const cluster = configuredCluster();
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
      onSample: (history) => watchIncidentEvidence(history),
      brokerMetrics: getBrokerMetricsReader(),
    });
    holder[KEY].set(key, sampler);
    watchIncidentLog();
  }
  sampler.start();
  return sampler;
}

/** Stops every sampler of this process (tests, shutdown). */
export function stopSamplers(): void {
  for (const s of holder[KEY]?.values() ?? []) s.stop();
  holder[KEY]?.clear();
}
