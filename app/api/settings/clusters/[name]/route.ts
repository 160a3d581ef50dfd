import { drillOperations } from "@/lib/server/http/openapi/drill-operations";
import { route } from "@/lib/server/http/route";
import { findClusterSetting } from "@/lib/server/drills/get-cluster-setting";
import { setClusterSetting } from "@/lib/server/drills/set-cluster-setting";

export const GET = route(drillOperations.getCluster, async ({ params }) => ({ cluster: await findClusterSetting(params.name) }));

export const PUT = route(drillOperations.putCluster, async ({ params, body, principal }) => ({ cluster: await setClusterSetting(params.name, body, principal) }));
