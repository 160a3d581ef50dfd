import { DrillParams } from "@/lib/schemas/drills";
import { route } from "@/lib/server/http/route";
import { stopDrill } from "@/lib/server/drills/stop-drill";

export const POST = route({ auth: "commander", params: DrillParams }, async ({ params, principal }) => ({ drill: await stopDrill(params.id, principal) }));
