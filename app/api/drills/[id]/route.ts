import { drillOperations } from "@/lib/server/http/openapi/drill-operations";
import { route } from "@/lib/server/http/route";
import { getDrill } from "@/lib/server/drills/list-drills";

export const GET = route(drillOperations.get, ({ params }) => ({ drill: getDrill(params.id) }));
