import "server-only";
import type { ClusterSettingView, PutClusterSettingBody } from "@/lib/schemas/drills";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/http/errors";
import { log } from "@/lib/server/log";
import { getClusterSetting } from "./get-cluster-setting";

/** Marks a cluster production or non-production (admin). Only the configured cluster can be set. */
export async function setClusterSetting(cluster: string, body: PutClusterSettingBody, principal: Principal): Promise<ClusterSettingView> {
  if (cluster !== env().KAFKA_CLUSTER_NAME) {
    throw new AppError("NOT_FOUND", `this server is configured for cluster "${env().KAFKA_CLUSTER_NAME}", not "${cluster}"`);
  }
  await db().clusterSetting.upsert({
    where: { cluster },
    create: { cluster, environment: body.environment, updatedBy: principal.name },
    update: { environment: body.environment, updatedBy: principal.name },
  });
  log("info", "cluster environment changed", { cluster, environment: body.environment, by: principal.name });
  return getClusterSetting(cluster);
}
