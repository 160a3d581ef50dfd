import { ClusterParams, PutClusterSettingBody } from "@/lib/schemas/drills";
import { route } from "@/lib/server/http/route";
import { getClusterSetting } from "@/lib/server/drills/get-cluster-setting";
import { setClusterSetting } from "@/lib/server/drills/set-cluster-setting";

export const GET = route({ auth: "viewer", params: ClusterParams }, async ({ params }) => ({ cluster: await getClusterSetting(params.name) }));

export const PUT = route({ auth: "admin", params: ClusterParams, body: PutClusterSettingBody }, async ({ params, body, principal }) => ({ cluster: await setClusterSetting(params.name, body, principal) }));
