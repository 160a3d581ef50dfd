import { rollbackAction } from "@/lib/server/actions/rollback-action";
import { mitigationOperations } from "@/lib/server/http/openapi/mitigation-operations";
import { route } from "@/lib/server/http/route";

export const POST = route(mitigationOperations.rollback, async ({ params, principal }) => ({
  action: await rollbackAction(params.id, params.actionId, principal),
}));
