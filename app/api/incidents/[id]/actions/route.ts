import { listActions } from "@/lib/server/actions/list-actions";
import { requestAction } from "@/lib/server/actions/request-action";
import { mitigationOperations } from "@/lib/server/http/openapi/mitigation-operations";
import { json, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route(mitigationOperations.listActions, async ({ params }) => ({ actions: await listActions(params.id) }));

export const POST = route(mitigationOperations.requestAction, async ({ params, body, principal }) =>
  json({ action: await requestAction(params.id, body, principal) }, { status: 201 }),
);
