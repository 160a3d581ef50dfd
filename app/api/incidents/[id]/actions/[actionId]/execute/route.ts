import { ActionParamsSchema } from "@/lib/schemas/mitigation";
import { executeAction } from "@/lib/server/actions/execute-action";
import { route } from "@/lib/server/http/route";

export const POST = route({ auth: "commander", params: ActionParamsSchema }, async ({ params, principal }) => ({
  action: await executeAction(params.id, params.actionId, principal),
}));
