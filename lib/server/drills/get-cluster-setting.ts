import "server-only";
import type { ClusterEnvironment, ClusterSettingView } from "@/lib/schemas/drills";
import { db } from "@/lib/server/db";
import { configuredClusters, findCluster } from "@/lib/server/clusters/configured-clusters";
import { configuredCluster } from "@/lib/server/evidence/cluster-identity";
import { AppError } from "@/lib/server/http/errors";

/** Configured here: in the clusters file, or the one KAFKA_CLUSTER_NAME names. */
export function isConfiguredCluster(cluster: string): boolean {
  return findCluster(cluster) !== undefined || cluster === configuredCluster();
}

/**
 * A cluster's safety setting. The clusters file's `environment` decides for its clusters;
 * otherwise the stored setting, and no row means production: drills are refused until an admin
 * says otherwise.
 */
export async function getClusterSetting(cluster: string): Promise<ClusterSettingView> {
  const fromFile = findCluster(cluster)?.environment ?? null;
  const row = fromFile ? null : await db().clusterSetting.findUnique({ where: { cluster } });
  const environment: ClusterEnvironment = fromFile ?? (row?.environment === "non-production" ? "non-production" : "production");
  return {
    cluster,
    environment,
    environmentSource: fromFile ? "clusters-file" : "setting",
    drillsAllowed: environment === "non-production",
    configured: isConfiguredCluster(cluster),
    updatedBy: row?.updatedBy ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

/** GET /api/settings/clusters/{name}: the configured cluster or one with a stored setting; any other name is no cluster (404). */
export async function findClusterSetting(cluster: string): Promise<ClusterSettingView> {
  if (!isConfiguredCluster(cluster) && !(await db().clusterSetting.findUnique({ where: { cluster }, select: { cluster: true } }))) {
    throw new AppError("NOT_FOUND", `no cluster "${cluster.slice(0, 100)}": this server is configured for ${configuredNames().map((n) => `"${n}"`).join(", ")}`);
  }
  return getClusterSetting(cluster);
}

function configuredNames(): string[] {
  const all = configuredClusters().map((c) => c.name);
  return all.length ? all : [configuredCluster()];
}

/** The clusters this server knows: the configured ones (the default first), then any other with a stored setting. */
export async function listClusterSettings(): Promise<ClusterSettingView[]> {
  const configured = configuredNames();
  const rows = await db().clusterSetting.findMany({ orderBy: { cluster: "asc" } });
  const names = [...configured, ...rows.map((r) => r.cluster).filter((c) => !configured.includes(c))];
  return Promise.all(names.map(getClusterSetting));
}
