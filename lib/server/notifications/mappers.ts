import "server-only";
import type { ClusterRouting, NotificationChannel, NotificationDelivery } from "@prisma/client";
import type { Owner } from "@/lib/domain/catalog/types";
import type { ClusterRoutingSettings } from "@/lib/domain/routing/types";
import type { ChannelFormat, DeliveryStatus, NotificationEvent } from "@/lib/domain/notifications/types";
import type { ClusterRoutingView, DeliveryView } from "@/lib/schemas/notifications";

export interface StoredChannel {
  id: string;
  name: string;
  url: string;
  format: ChannelFormat;
  secret: string | null;
  createdBy: string;
  createdAt: string;
}

export function toChannel(row: NotificationChannel): StoredChannel {
  return { id: row.id, name: row.name, url: row.url, format: row.format === "slack" ? "slack" : "json", secret: row.secret, createdBy: row.createdBy, createdAt: row.createdAt.toISOString() };
}

export function toDeliveryView(row: NotificationDelivery): DeliveryView {
  return {
    id: row.id,
    channelName: row.channelName,
    incidentId: row.incidentId,
    entrySeq: row.entrySeq,
    event: row.event as NotificationEvent,
    audience: JSON.parse(row.audience) as string[],
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: row.status === "delivered" || row.status === "failed" ? null : row.nextAttemptAt.toISOString(),
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    body: row.body,
  };
}

export function toRoutingSettings(cluster: string, row: ClusterRouting | null): ClusterRoutingSettings {
  return {
    cluster,
    defaultChannel: row?.defaultChannel ?? null,
    approversChannel: row?.approversChannel ?? null,
    platformOwner: row?.platformOwner ? (JSON.parse(row.platformOwner) as Owner) : null,
    platformChannel: row?.platformChannel ?? null,
    platformRunbook: row?.platformRunbook ?? null,
  };
}

export function toRoutingView(cluster: string, row: ClusterRouting | null): ClusterRoutingView {
  return { ...toRoutingSettings(cluster, row), updatedBy: row?.updatedBy ?? null, updatedAt: row?.updatedAt.toISOString() ?? null };
}
