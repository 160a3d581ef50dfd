import { ActionParamsSchema, DecideActionBody } from "@/lib/schemas/mitigation";
import { rejectAction } from "@/lib/server/actions/reject-action";
import { route } from "@/lib/server/http/route";

export const POST = route({ auth: "responder", params: ActionParamsSchema, body: DecideActionBody }, async ({ params, body, principal }) => ({
  action: await rejectAction(params.id, params.actionId, body, principal),
}));
