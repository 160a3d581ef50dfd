import "server-only";
import { clusterHealthState } from "@/lib/domain/clusters/health";
import type { ClusterList, ClusterView } from "@/lib/schemas/clusters";
import { getClusterSetting } from "../drills/get-cluster-setting";
import { getSampler } from "../evidence/get-sampler";
import { configuredClusters, defaultClusterName } from "./configured-clusters";

/**
 * GET /api/clusters: every configured cluster, the default first, with its connection state
 * from its own sampler (which this read starts if it has not yet). Never a credential.
 */
export async function listClusters(now = Date.now()): Promise<ClusterList> {
  const clusters = await Promise.all(
    configuredClusters().map(async (c): Promise<ClusterView> => {
      const setting = await getClusterSetting(c.name);
      const sampler = getSampler(c.name);
      const s = sampler.status();
      return {
        name: c.name,
        environment: setting.environment,
        environmentSource: setting.environmentSource,
        default: c.name === defaultClusterName(),
        source: c.source,
        brokers: [...c.kafka.brokers],
        tls: Boolean(c.kafka.ssl),
        sasl: c.kafka.sasl ? { mechanism: c.kafka.sasl.mechanism, username: c.kafka.sasl.username } : null,
        prometheusConfigured: c.prometheus !== null,
        health: {
          state: clusterHealthState(s),
          brokerCount: sampler.latest()?.brokers.length ?? null,
          lastError: s.lastError ? { code: s.lastError.code, message: s.lastError.message, at: new Date(s.lastError.at).toISOString() } : null,
          lastSampleAt: s.lastSampleAt === null ? null : new Date(s.lastSampleAt).toISOString(),
          lastSampleAgeSeconds: s.lastSampleAt === null ? null : Math.max(0, Math.round((now - s.lastSampleAt) / 100) / 10),
          leader: s.leader,
        },
      };
    }),
  );
  return { defaultCluster: defaultClusterName(), clusters };
}
