import { getAction } from "@/lib/server/actions/list-actions";
import { mitigationOperations } from "@/lib/server/http/openapi/mitigation-operations";
import { route } from "@/lib/server/http/route";

export const GET = route(mitigationOperations.getAction, async ({ params }) => ({ action: await getAction(params.id, params.actionId) }));
