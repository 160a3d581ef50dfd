import { notificationOperations } from "@/lib/server/http/openapi/notification-operations";
import { route } from "@/lib/server/http/route";
import { getClusterRouting } from "@/lib/server/notifications/get-cluster-routing";
import { setClusterRouting } from "@/lib/server/notifications/set-cluster-routing";

export const GET = route(notificationOperations.getRouting, async ({ params }) => ({ routing: await getClusterRouting(params.cluster) }));

export const PUT = route(notificationOperations.putRouting, async ({ params, body, principal }) => ({ routing: await setClusterRouting(params.cluster, body, principal) }));
