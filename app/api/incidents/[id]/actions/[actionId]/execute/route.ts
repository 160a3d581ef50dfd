import { executeAction } from "@/lib/server/actions/execute-action";
import { mitigationOperations } from "@/lib/server/http/openapi/mitigation-operations";
import { route } from "@/lib/server/http/route";

export const POST = route(mitigationOperations.execute, async ({ params, principal }) => ({
  action: await executeAction(params.id, params.actionId, principal),
}));
