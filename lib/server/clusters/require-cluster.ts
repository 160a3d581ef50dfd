import "server-only";
import { clusterOf } from "../evidence/cluster-identity";
import { AppError } from "../http/errors";
import { configuredClusters } from "./configured-clusters";

/**
 * The configured cluster a request names (no name, or "default", is the default cluster), or a
 * 4xx naming the configured ones: NOT_FOUND for a name in the URL (a page of a cluster that is
 * not here), UNPROCESSABLE for a name in a body. With no cluster configured at all, the name
 * passes through (the gateway then says no Kafka is configured, as before clusters files).
 */
export function requireCluster(name: string | null | undefined, code: "NOT_FOUND" | "UNPROCESSABLE" = "NOT_FOUND"): string {
  const cluster = clusterOf(name);
  const known = configuredClusters().map((c) => c.name);
  if (known.length > 0 && !known.includes(cluster)) {
    throw new AppError(code, `cluster "${cluster.slice(0, 100)}" is not configured here (configured: ${known.join(", ")})`, { extra: { field: "cluster", configuredClusters: known } });
  }
  return cluster;
}
