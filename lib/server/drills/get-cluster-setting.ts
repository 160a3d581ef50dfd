import "server-only";
import type { ClusterEnvironment, ClusterSettingView } from "@/lib/schemas/drills";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/http/errors";

/** A cluster's safety setting. No row means production: drills are refused until an admin says otherwise. */
export async function getClusterSetting(cluster: string): Promise<ClusterSettingView> {
  const row = await db().clusterSetting.findUnique({ where: { cluster } });
  const environment: ClusterEnvironment = row?.environment === "non-production" ? "non-production" : "production";
  return {
    cluster,
    environment,
    drillsAllowed: environment === "non-production",
    configured: cluster === env().KAFKA_CLUSTER_NAME,
    updatedBy: row?.updatedBy ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

/** GET /api/settings/clusters/{name}: the configured cluster or one with a stored setting; any other name is no cluster (404). */
export async function findClusterSetting(cluster: string): Promise<ClusterSettingView> {
  if (cluster !== env().KAFKA_CLUSTER_NAME && !(await db().clusterSetting.findUnique({ where: { cluster }, select: { cluster: true } }))) {
    throw new AppError("NOT_FOUND", `no cluster "${cluster.slice(0, 100)}": this server is configured for "${env().KAFKA_CLUSTER_NAME}"`);
  }
  return getClusterSetting(cluster);
}

/** The clusters this server knows: the configured one (KAFKA_CLUSTER_NAME) first, then any other with a stored setting. */
export async function listClusterSettings(): Promise<ClusterSettingView[]> {
  const configured = env().KAFKA_CLUSTER_NAME;
  const rows = await db().clusterSetting.findMany({ orderBy: { cluster: "asc" } });
  const names = [configured, ...rows.map((r) => r.cluster).filter((c) => c !== configured)];
  return Promise.all(names.map(getClusterSetting));
}
