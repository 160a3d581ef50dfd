import "server-only";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { KafkaGatewayError } from "../kafka/errors";
import { findCluster } from "../clusters/configured-clusters";
import { clusterOf } from "./cluster-identity";
import { getSampler } from "./get-sampler";
import { loadSamples } from "./load-samples";
import { projectHistory, topicsOfGroup } from "./project-history";

/**
 * A scope's sampled history between from and to (oldest first), for charts over an incident's
 * window: the persisted rows older than the sampler's memory (about `maxRows` of them, evenly
 * thinned) and the in-memory samples, under the one cluster identity, narrowed to the scope,
 * and only samples of the Kafka cluster the newest one comes from. Without a sampler (Kafka not
 * configured) the stored rows alone. The scope-evidence service's charts and the review read it.
 */
export async function readScopeHistory(clusterName: string, scope: { topics: readonly string[]; groups: readonly string[] }, from: number, to: number, maxRows = 600): Promise<ClusterSnapshot[]> {
  const cluster = clusterOf(clusterName);
  let memory: readonly ClusterSnapshot[] = [];
  if (findCluster(cluster)) {
    try {
      memory = getSampler(cluster).history();
    } catch (error) {
      if (!(error instanceof KafkaGatewayError)) throw error;
    }
  }
  const inMemory = memory.filter((s) => s.takenAt >= from && s.takenAt <= to);
  const oldestInMemory = memory[0]?.takenAt ?? Number.POSITIVE_INFINITY;
  const storedTo = Math.min(to, oldestInMemory - 1);
  const every = Math.max(1, Math.ceil((storedTo - from) / 10_000 / maxRows));
  const stored = storedTo >= from ? (await loadSamples(cluster, from, storedTo, every)).snapshots : [];
  const all = [...stored, ...inMemory];
  const newestId = all[all.length - 1]?.clusterId ?? null;
  const same = newestId === null ? all : all.filter((s) => s.clusterId === null || s.clusterId === newestId);
  const named = scope.topics.length + scope.groups.length > 0;
  if (!named) return same;
  const topics = [...new Set([...scope.topics, ...scope.groups.flatMap((g) => topicsOfGroup(same, g))])];
  return projectHistory(same, topics, scope.groups);
}
