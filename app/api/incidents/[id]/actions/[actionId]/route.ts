import { ActionParamsSchema } from "@/lib/schemas/mitigation";
import { getAction } from "@/lib/server/actions/list-actions";
import { route } from "@/lib/server/http/route";

export const GET = route({ auth: "viewer", params: ActionParamsSchema }, async ({ params }) => ({ action: await getAction(params.id, params.actionId) }));
