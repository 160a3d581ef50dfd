import { notificationOperations } from "@/lib/server/http/openapi/notification-operations";
import { route } from "@/lib/server/http/route";
import { listDeliveries } from "@/lib/server/notifications/list-deliveries";

export const GET = route(notificationOperations.listDeliveries, async ({ query }) => listDeliveries(query));
