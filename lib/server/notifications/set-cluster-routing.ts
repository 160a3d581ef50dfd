import "server-only";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/http/errors";
import { log } from "@/lib/server/log";
import type { ClusterRoutingView, PutClusterRoutingBody } from "@/lib/schemas/notifications";
import { getClusterRouting } from "./get-cluster-routing";

const CHANNEL_FIELDS = ["defaultChannel", "approversChannel", "platformChannel"] as const;

/** Sets a cluster's routing defaults (admin); every channel named must exist (422 naming the field). */
export async function setClusterRouting(cluster: string, body: PutClusterRoutingBody, principal: Principal): Promise<ClusterRoutingView> {
  const names = CHANNEL_FIELDS.map((f) => body[f]).filter((n): n is string => n !== null);
  const known = new Set((await db().notificationChannel.findMany({ where: { name: { in: names } }, select: { name: true } })).map((c) => c.name));
  const missing = CHANNEL_FIELDS.filter((f) => body[f] !== null && !known.has(body[f]!));
  if (missing.length) {
    const errors = missing.map((f) => ({ path: `body.${f}`, message: `no channel named ${body[f]} (add it under Channels first)` }));
    throw new AppError("UNPROCESSABLE", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { fieldErrors: errors });
  }
  const data = {
    defaultChannel: body.defaultChannel,
    approversChannel: body.approversChannel,
    platformOwner: body.platformOwner ? JSON.stringify(body.platformOwner) : null,
    platformChannel: body.platformChannel,
    platformRunbook: body.platformRunbook,
    updatedBy: principal.name,
  };
  await db().clusterRouting.upsert({ where: { cluster }, create: { cluster, ...data }, update: data });
  log("info", "cluster routing changed", { cluster, by: principal.name });
  return getClusterRouting(cluster);
}
