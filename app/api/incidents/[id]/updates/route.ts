import { notificationOperations } from "@/lib/server/http/openapi/notification-operations";
import { json, route } from "@/lib/server/http/route";
import { postStakeholderUpdate } from "@/lib/server/notifications/post-stakeholder-update";

export const POST = route(notificationOperations.postUpdate, async ({ params, body, principal }) => {
  const result = await postStakeholderUpdate(params.id, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
