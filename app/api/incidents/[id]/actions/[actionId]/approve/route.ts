import { ActionParamsSchema, DecideActionBody } from "@/lib/schemas/mitigation";
import { approveAction } from "@/lib/server/actions/approve-action";
import { route } from "@/lib/server/http/route";

export const POST = route({ auth: "responder", params: ActionParamsSchema, body: DecideActionBody }, async ({ params, body, principal }) => ({
  action: await approveAction(params.id, params.actionId, body, principal),
}));
