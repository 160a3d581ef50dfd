import { drillOperations } from "@/lib/server/http/openapi/drill-operations";
import { route } from "@/lib/server/http/route";
import { listClusterSettings } from "@/lib/server/drills/get-cluster-setting";

export const GET = route(drillOperations.listClusters, async () => ({ clusters: await listClusterSettings() }));
