import { drillOperations } from "@/lib/server/http/openapi/drill-operations";
import { route } from "@/lib/server/http/route";
import { stopDrill } from "@/lib/server/drills/stop-drill";

export const POST = route(drillOperations.stop, async ({ params, principal }) => ({ drill: await stopDrill(params.id, principal) }));
