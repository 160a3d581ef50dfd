import { openProposal } from "@/lib/server/freshness/open-proposal";
import { freshnessOperations } from "@/lib/server/http/openapi/freshness-operations";
import { json, route } from "@/lib/server/http/route";

export const POST = route(freshnessOperations.openProposal, async ({ params, principal }) => json(await openProposal(params.id, principal), { status: 201 }));
