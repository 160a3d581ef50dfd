import "server-only";
import type { ClusterRoutingSettings } from "@/lib/domain/routing/types";
import { db } from "@/lib/server/db";
import type { ClusterRoutingView } from "@/lib/schemas/notifications";
import { toRoutingSettings, toRoutingView } from "./mappers";

/** A cluster's routing defaults (no row: none set). */
export async function getClusterRouting(cluster: string): Promise<ClusterRoutingView> {
  return toRoutingView(cluster, await db().clusterRouting.findUnique({ where: { cluster } }));
}

/** The routing settings of one cluster, as the routing and the notifier read them. */
export async function routingSettingsOf(cluster: string): Promise<ClusterRoutingSettings> {
  return toRoutingSettings(cluster, await db().clusterRouting.findUnique({ where: { cluster } }));
}

/** Every cluster's routing settings, by cluster (one read per notifier round). */
export async function allRoutingSettings(): Promise<Map<string, ClusterRoutingSettings>> {
  const rows = await db().clusterRouting.findMany();
  return new Map(rows.map((r) => [r.cluster, toRoutingSettings(r.cluster, r)]));
}
