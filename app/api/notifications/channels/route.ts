import { notificationOperations } from "@/lib/server/http/openapi/notification-operations";
import { json, route } from "@/lib/server/http/route";
import { createChannel } from "@/lib/server/notifications/create-channel";
import { listChannels } from "@/lib/server/notifications/list-channels";

export const GET = route(notificationOperations.listChannels, async () => ({ channels: await listChannels() }));

export const POST = route(notificationOperations.createChannel, async ({ body, principal, request }) =>
  json({ channel: await createChannel(body, principal, request.headers.get("x-forwarded-host") ?? request.headers.get("host")) }, { status: 201 }),
);
