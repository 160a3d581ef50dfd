import "server-only";
import { defaultClusterName } from "../clusters/configured-clusters";
import { env } from "../env";

/**
 * THE cluster identity: the one name an incident (`Incident.cluster`), the sampler's stored
 * rows (`EvidenceSample.cluster`), the kept evidence and the review's lookups all use: a
 * cluster's name in RIPCORD_CLUSTERS_FILE, or KAFKA_CLUSTER_NAME for the KAFKA_BROKERS shortcut
 * (lib/server/clusters/configured-clusters.ts). The configured cluster is the default one.
 *
 * Whether the rows under a name really come from the Kafka cluster now behind it is checked
 * on the data, not the name: a snapshot carries Kafka's own cluster id, and the scope-evidence
 * service drops stored history whose cluster id differs from the live one.
 */
export function configuredCluster(): string {
  return defaultClusterName() ?? env().KAFKA_CLUSTER_NAME;
}

/**
 * The cluster an incident (or a request) refers to. Older incidents and alerts without a
 * cluster label say "default"; that, like a missing name, means the configured cluster.
 */
export function clusterOf(name?: string | null): string {
  if (!name || name === "default") return configuredCluster();
  return name;
}
