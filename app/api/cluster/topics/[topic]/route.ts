import { requireCluster } from "@/lib/server/clusters/require-cluster";
import { readTopicDetail } from "@/lib/server/evidence/read-cluster";
import { clusterOperations } from "@/lib/server/http/openapi/cluster-operations";
import { json, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** One topic: partition health (leader, ISR, offline), offsets, input rate and the groups reading it. */
export const GET = route(clusterOperations.topic, async ({ params, query }) =>
  json(await readTopicDetail(requireCluster(query.cluster), params.topic), { headers: { "cache-control": "no-store" } }),
);
