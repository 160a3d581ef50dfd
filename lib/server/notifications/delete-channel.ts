import "server-only";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { conflict, notFound } from "@/lib/server/http/errors";
import { log } from "@/lib/server/log";
import { channelUsage } from "./list-channels";

/**
 * Removes a channel (admin). Refused while the catalog or a cluster default names it (its
 * notifications would silently go nowhere); deliveries still waiting for it are failed with
 * the reason, so nothing stays queued for a receiver nobody configures any more.
 */
export async function deleteChannel(name: string, principal: Principal): Promise<void> {
  const row = await db().notificationChannel.findUnique({ where: { name } });
  if (!row) throw notFound(`notification channel ${name}`);
  const usedBy = (await channelUsage()).get(name) ?? [];
  if (usedBy.length) throw conflict(`channel ${name} is still used by ${usedBy.join(", ")}; take it out there first`, { usedBy });
  await db().$transaction([
    db().notificationDelivery.updateMany({
      where: { channelId: row.id, status: { in: ["queued", "retrying", "sending"] } },
      data: { status: "failed", lastError: `channel ${name} was removed by ${principal.name}`, lockedUntil: null },
    }),
    db().notificationChannel.delete({ where: { id: row.id } }),
  ]);
  log("info", "notification channel removed", { channel: name, by: principal.name });
}
