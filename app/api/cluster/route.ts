import { readClusterOverview } from "@/lib/server/evidence/read-cluster";
import { json, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Cluster overview from the sampler's newest sample: brokers, topics, groups with lag and status. */
export const GET = route({ auth: "viewer" }, async () => json(await readClusterOverview(), { headers: { "cache-control": "no-store" } }));
