import { requireCluster } from "@/lib/server/clusters/require-cluster";
import { readClusterOverview } from "@/lib/server/evidence/read-cluster";
import { clusterOperations } from "@/lib/server/http/openapi/cluster-operations";
import { json, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Cluster overview from the sampler's newest sample: brokers, topics, groups with lag and status. */
export const GET = route(clusterOperations.overview, async ({ query }) => json(await readClusterOverview(requireCluster(query.cluster)), { headers: { "cache-control": "no-store" } }));
