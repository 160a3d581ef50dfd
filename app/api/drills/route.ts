import { drillOperations } from "@/lib/server/http/openapi/drill-operations";
import { json, route } from "@/lib/server/http/route";
import { listClusterSettings } from "@/lib/server/drills/get-cluster-setting";
import { listDrills, listScenarios } from "@/lib/server/drills/list-drills";
import { startDrill } from "@/lib/server/drills/start-drill";

export const GET = route(drillOperations.list, async () => ({ drills: listDrills(), scenarios: listScenarios(), clusters: await listClusterSettings() }));

export const POST = route(drillOperations.start, async ({ body, principal }) => json({ drill: await startDrill(body, principal) }, { status: 201 }));
