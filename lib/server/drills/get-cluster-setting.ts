import "server-only";
import type { ClusterEnvironment, ClusterSettingView } from "@/lib/schemas/drills";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";

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

/** The clusters this server knows: the configured one (KAFKA_CLUSTER_NAME) first, then any other with a stored setting. */
export async function listClusterSettings(): Promise<ClusterSettingView[]> {
  const configured = env().KAFKA_CLUSTER_NAME;
  const rows = await db().clusterSetting.findMany({ orderBy: { cluster: "asc" } });
  const names = [configured, ...rows.map((r) => r.cluster).filter((c) => c !== configured)];
  return Promise.all(names.map(getClusterSetting));
}
