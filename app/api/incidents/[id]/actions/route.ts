import { IncidentParams } from "@/lib/schemas/incidents";
import { RequestActionBody } from "@/lib/schemas/mitigation";
import { listActions } from "@/lib/server/actions/list-actions";
import { requestAction } from "@/lib/server/actions/request-action";
import { json, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "viewer", params: IncidentParams }, async ({ params }) => ({ actions: await listActions(params.id) }));

export const POST = route({ auth: "commander", params: IncidentParams, body: RequestActionBody }, async ({ params, body, principal }) =>
  json({ action: await requestAction(params.id, body, principal) }, { status: 201 }),
);
