import { listClusters } from "@/lib/server/clusters/list-clusters";
import { clusterOperations } from "@/lib/server/http/openapi/cluster-operations";
import { json, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** The configured clusters and the state of each one's connection (contracts §4). */
export const GET = route(clusterOperations.list, async () => json(await listClusters(), { headers: { "cache-control": "no-store" } }));
