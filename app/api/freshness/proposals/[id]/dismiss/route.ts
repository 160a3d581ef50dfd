import { dismissProposal } from "@/lib/server/freshness/dismiss-proposal";
import { freshnessOperations } from "@/lib/server/http/openapi/freshness-operations";
import { route } from "@/lib/server/http/route";

export const POST = route(freshnessOperations.dismissProposal, async ({ params, body, principal }) => ({ proposal: await dismissProposal(params.id, body, principal) }));
