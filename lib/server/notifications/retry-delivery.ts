import "server-only";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { conflict, notFound } from "@/lib/server/http/errors";
import { log } from "@/lib/server/log";
import type { DeliveryView } from "@/lib/schemas/notifications";
import { toDeliveryView } from "./mappers";

/** Sends a failed (or waiting) delivery again now, with the same body (admin). */
export async function retryDelivery(id: string, principal: Principal): Promise<DeliveryView> {
  const row = await db().notificationDelivery.findUnique({ where: { id } });
  if (!row) throw notFound("delivery");
  if (row.status === "delivered" || row.status === "sending") throw conflict(`the delivery is ${row.status}; nothing to retry`);
  const moved = await db().notificationDelivery.updateMany({ where: { id, status: row.status }, data: { status: "queued", nextAttemptAt: new Date(), lockedUntil: null } });
  if (moved.count !== 1) throw conflict("the delivery changed meanwhile; reload");
  log("info", "notification retried by hand", { delivery: id, by: principal.name });
  return toDeliveryView(await db().notificationDelivery.findUniqueOrThrow({ where: { id } }));
}
