import { HistoryQuery } from "@/lib/schemas/cluster";
import { readHistory } from "@/lib/server/evidence/read-cluster";
import { json, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** A group's or a topic's series over the persisted history (up to the retention), thinned. */
export const GET = route({ auth: "viewer", query: HistoryQuery }, async ({ query }) =>
  json(await readHistory(query), { headers: { "cache-control": "no-store" } }),
);
