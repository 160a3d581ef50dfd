import { notificationOperations } from "@/lib/server/http/openapi/notification-operations";
import { route } from "@/lib/server/http/route";
import { retryDelivery } from "@/lib/server/notifications/retry-delivery";

export const POST = route(notificationOperations.retryDelivery, async ({ params, principal }) => ({ delivery: await retryDelivery(params.id, principal) }));
