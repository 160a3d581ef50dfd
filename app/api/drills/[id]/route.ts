import { DrillParams } from "@/lib/schemas/drills";
import { route } from "@/lib/server/http/route";
import { getDrill } from "@/lib/server/drills/list-drills";

export const GET = route({ auth: "viewer", params: DrillParams }, ({ params }) => ({ drill: getDrill(params.id) }));
