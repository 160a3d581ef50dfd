import { getCatchUp } from "@/lib/server/catch-up/get-catch-up";
import { notificationOperations } from "@/lib/server/http/openapi/notification-operations";
import { route } from "@/lib/server/http/route";

export const GET = route(notificationOperations.catchUp, async ({ params }) => ({ catchUp: await getCatchUp(params.id) }));
