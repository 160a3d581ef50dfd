import { ActionParamsSchema } from "@/lib/schemas/mitigation";
import { rollbackAction } from "@/lib/server/actions/rollback-action";
import { route } from "@/lib/server/http/route";

export const POST = route({ auth: "commander", params: ActionParamsSchema }, async ({ params, principal }) => ({
  action: await rollbackAction(params.id, params.actionId, principal),
}));
