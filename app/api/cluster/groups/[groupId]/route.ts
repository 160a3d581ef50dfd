import { GroupParams, WindowQuery } from "@/lib/schemas/cluster";
import { readGroupDetail } from "@/lib/server/evidence/read-cluster";
import { json, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** One consumer group: per-partition lag, status, retention risk and its series over time. */
export const GET = route({ auth: "viewer", params: GroupParams, query: WindowQuery }, async ({ params, query }) =>
  json(await readGroupDetail(params.groupId, query.minutes), { headers: { "cache-control": "no-store" } }),
);
