import "server-only";
import type { DeliveryStatus } from "@/lib/domain/notifications/types";
import { db } from "@/lib/server/db";
import type { DeliveryView } from "@/lib/schemas/notifications";
import { toDeliveryView } from "./mappers";

/** Deliveries, newest first (admin): what was sent where, its status, attempts and the last answer. */
export async function listDeliveries(filter: { status?: DeliveryStatus; incidentId?: string; channel?: string; limit: number }): Promise<{ deliveries: DeliveryView[]; counts: Record<DeliveryStatus, number> }> {
  const rows = await db().notificationDelivery.findMany({
    where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.incidentId ? { incidentId: filter.incidentId } : {}), ...(filter.channel ? { channelName: filter.channel } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filter.limit,
  });
  const grouped = await db().notificationDelivery.groupBy({ by: ["status"], _count: { _all: true } });
  const counts: Record<DeliveryStatus, number> = { queued: 0, sending: 0, delivered: 0, retrying: 0, failed: 0 };
  for (const g of grouped) if (g.status in counts) counts[g.status as DeliveryStatus] = g._count._all;
  return { deliveries: rows.map(toDeliveryView), counts };
}
