import { requireCluster } from "@/lib/server/clusters/require-cluster";
import { readHistory } from "@/lib/server/evidence/read-cluster";
import { clusterOperations } from "@/lib/server/http/openapi/cluster-operations";
import { json, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** A group's or a topic's series over the persisted history (up to the retention), thinned. */
export const GET = route(clusterOperations.history, async ({ query }) =>
  json(await readHistory(requireCluster(query.cluster), query), { headers: { "cache-control": "no-store" } }),
);
