import "server-only";
import type { DeliveryStatus } from "@/lib/domain/notifications/types";
import { db } from "@/lib/server/db";
import type { ChannelView } from "@/lib/schemas/notifications";
import { toChannel } from "./mappers";

/** Where each channel name is used: catalog entries and cluster routing defaults. */
export async function channelUsage(): Promise<Map<string, string[]>> {
  const usage = new Map<string, string[]>();
  const add = (name: string | null, where: string) => {
    if (!name) return;
    usage.set(name, [...(usage.get(name) ?? []), where]);
  };
  for (const e of await db().catalogEntry.findMany({ select: { kind: true, match: true, channels: true } })) {
    for (const name of JSON.parse(e.channels) as string[]) add(name, `${e.kind} ${e.match}`);
  }
  for (const r of await db().clusterRouting.findMany()) {
    add(r.defaultChannel, `default channel of ${r.cluster}`);
    add(r.approversChannel, `approvers' channel of ${r.cluster}`);
    add(r.platformChannel, `platform channel of ${r.cluster}`);
  }
  return usage;
}

/** Every channel (admin view): URL, format, whether it signs, where it is used, its last delivery. Never the secret. */
export async function listChannels(): Promise<ChannelView[]> {
  const rows = await db().notificationChannel.findMany({ orderBy: { name: "asc" } });
  const usage = await channelUsage();
  const views: ChannelView[] = [];
  for (const row of rows) {
    const c = toChannel(row);
    const last = await db().notificationDelivery.findFirst({ where: { channelId: c.id }, orderBy: { updatedAt: "desc" }, select: { status: true, updatedAt: true } });
    views.push({
      id: c.id,
      name: c.name,
      url: c.url,
      format: c.format,
      signed: c.secret !== null,
      createdBy: c.createdBy,
      createdAt: c.createdAt,
      usedBy: usage.get(c.name) ?? [],
      lastDelivery: last ? { status: last.status as DeliveryStatus, at: last.updatedAt.toISOString() } : null,
    });
  }
  return views;
}
