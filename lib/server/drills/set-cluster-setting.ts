import "server-only";
import type { ClusterSettingView, PutClusterSettingBody } from "@/lib/schemas/drills";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { findCluster } from "@/lib/server/clusters/configured-clusters";
import { configuredCluster } from "@/lib/server/evidence/cluster-identity";
import { AppError, conflict } from "@/lib/server/http/errors";
import { log } from "@/lib/server/log";
import { getClusterSetting } from "./get-cluster-setting";

/**
 * Marks a cluster production or non-production (admin). Only the KAFKA_BROKERS cluster can be
 * set here: a clusters file's cluster has its environment in the file (version control decides).
 */
export async function setClusterSetting(cluster: string, body: PutClusterSettingBody, principal: Principal): Promise<ClusterSettingView> {
  const fromFile = findCluster(cluster);
  if (fromFile?.environment) throw conflict(`cluster "${cluster}" is ${fromFile.environment} in the clusters file; change it there`);
  if (cluster !== configuredCluster()) {
    throw new AppError("NOT_FOUND", `this server is configured for cluster "${configuredCluster()}", not "${cluster.slice(0, 100)}"`);
  }
  await db().clusterSetting.upsert({
    where: { cluster },
    create: { cluster, environment: body.environment, updatedBy: principal.name },
    update: { environment: body.environment, updatedBy: principal.name },
  });
  log("info", "cluster environment changed", { cluster, environment: body.environment, by: principal.name });
  return getClusterSetting(cluster);
}
