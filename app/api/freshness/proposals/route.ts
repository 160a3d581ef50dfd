import { listOpenProposals } from "@/lib/server/freshness/list-proposals";
import { freshnessOperations } from "@/lib/server/http/openapi/freshness-operations";
import { json, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route(freshnessOperations.listProposals, async () => json({ proposals: await listOpenProposals() }, { headers: { "cache-control": "no-store" } }));
