import { notificationOperations } from "@/lib/server/http/openapi/notification-operations";
import { route } from "@/lib/server/http/route";
import { deleteChannel } from "@/lib/server/notifications/delete-channel";

export const DELETE = route(notificationOperations.deleteChannel, async ({ params, principal }) => {
  await deleteChannel(params.name, principal);
  return new Response(null, { status: 204 });
});
