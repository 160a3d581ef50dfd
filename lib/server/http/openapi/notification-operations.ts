import { z } from "zod";
import { DELIVERY_STATUSES } from "@/lib/domain/notifications/types";
import { EntryView, IncidentParams } from "@/lib/schemas/incidents";
import {
  CatchUpView,
  ChannelParams,
  ChannelView,
  ClusterRoutingView,
  CreateChannelBody,
  DeliveriesQuery,
  DeliveryParams,
  DeliveryView,
  PutClusterRoutingBody,
  RoutingClusterParams,
  StakeholderUpdateBody,
} from "@/lib/schemas/notifications";
import { defineOperations } from "./types";

const tag = "notifications";

export const notificationOperations = defineOperations({
  listChannels: { method: "get", path: "/api/notifications/channels", summary: "Notification channels (their secrets are never returned), where each is used and its last delivery", tag, auth: "admin", response: z.object({ channels: z.array(ChannelView) }) },
  createChannel: {
    method: "post",
    path: "/api/notifications/channels",
    summary: "Add a channel: {name, url, format: slack|json, secret?}. The URL must be http(s) and must not point at this server (400 naming body.url)",
    tag,
    auth: "admin",
    body: CreateChannelBody,
    response: z.object({ channel: ChannelView }),
    status: 201,
  },
  deleteChannel: { method: "delete", path: "/api/notifications/channels/{name}", summary: "Remove a channel (409 while the catalog or a cluster default names it); its waiting deliveries are failed", tag, auth: "admin", params: ChannelParams, status: 204 },
  listDeliveries: {
    method: "get",
    path: "/api/notifications/deliveries",
    summary: "Deliveries, newest first, with status (queued, sending, delivered, retrying, failed), attempts, the last answer and the body sent; counts per status",
    tag,
    auth: "admin",
    query: DeliveriesQuery,
    response: z.object({ deliveries: z.array(DeliveryView), counts: z.record(z.enum(DELIVERY_STATUSES), z.number()) }),
  },
  retryDelivery: { method: "post", path: "/api/notifications/deliveries/{id}/retry", summary: "Send a failed or waiting delivery again now", tag, auth: "admin", params: DeliveryParams, response: z.object({ delivery: DeliveryView }) },
  getRouting: { method: "get", path: "/api/notifications/routing/{cluster}", summary: "A cluster's routing defaults: default channel, approvers' channel, platform owner and channel", tag, auth: "viewer", params: RoutingClusterParams, response: z.object({ routing: ClusterRoutingView }) },
  putRouting: {
    method: "put",
    path: "/api/notifications/routing/{cluster}",
    summary: "Set a cluster's routing defaults (422 naming a channel that does not exist)",
    tag,
    auth: "admin",
    params: RoutingClusterParams,
    body: PutClusterRoutingBody,
    response: z.object({ routing: ClusterRoutingView }),
  },
  catchUp: {
    method: "get",
    path: "/api/incidents/{id}/catch-up",
    summary: "The catch-up summary for someone joining late, from the log and the kept evidence (deterministic): moments, severity with reasons, leading cause, what was tried, what waits for whom, owners",
    tag,
    auth: "viewer",
    params: IncidentParams,
    response: z.object({ catchUp: CatchUpView }),
  },
  postUpdate: {
    method: "post",
    path: "/api/incidents/{id}/updates",
    summary: "Post a stakeholder update (what we know, impact, what next, next update at): a log entry announced on the incident's channels; a reminder when the next is due",
    tag,
    auth: "commander",
    params: IncidentParams,
    body: StakeholderUpdateBody,
    response: z.object({ entry: EntryView, duplicate: z.boolean() }),
    status: 201,
  },
});
