import { approveAction } from "@/lib/server/actions/approve-action";
import { mitigationOperations } from "@/lib/server/http/openapi/mitigation-operations";
import { route } from "@/lib/server/http/route";

export const POST = route(mitigationOperations.approve, async ({ params, body, principal }) => ({
  action: await approveAction(params.id, params.actionId, body, principal),
}));
