import { rejectAction } from "@/lib/server/actions/reject-action";
import { mitigationOperations } from "@/lib/server/http/openapi/mitigation-operations";
import { route } from "@/lib/server/http/route";

export const POST = route(mitigationOperations.reject, async ({ params, body, principal }) => ({
  action: await rejectAction(params.id, params.actionId, body, principal),
}));
