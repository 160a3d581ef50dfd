import { requireCluster } from "@/lib/server/clusters/require-cluster";
import { readGroupDetail } from "@/lib/server/evidence/read-cluster";
import { clusterOperations } from "@/lib/server/http/openapi/cluster-operations";
import { json, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** One consumer group: per-partition lag, status, retention risk and its series over time. */
export const GET = route(clusterOperations.group, async ({ params, query }) =>
  json(await readGroupDetail(requireCluster(query.cluster), params.groupId, query.minutes), { headers: { "cache-control": "no-store" } }),
);
