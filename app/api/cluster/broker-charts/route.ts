import { requireCluster } from "@/lib/server/clusters/require-cluster";
import { clusterOperations } from "@/lib/server/http/openapi/cluster-operations";
import { json, route } from "@/lib/server/http/route";
import { readRecentBrokerCharts } from "@/lib/server/prometheus/read-broker-charts";

export const dynamic = "force-dynamic";

/** Broker latency beside storage and network signals over the last minutes (Cluster page). */
export const GET = route(clusterOperations.brokerCharts, async ({ query }) =>
  json(await readRecentBrokerCharts(requireCluster(query.cluster), query.minutes), { headers: { "cache-control": "no-store" } }),
);
