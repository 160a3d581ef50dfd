import { route } from "@/lib/server/http/route";
import { listClusterSettings } from "@/lib/server/drills/get-cluster-setting";

export const GET = route({ auth: "viewer" }, async () => ({ clusters: await listClusterSettings() }));
