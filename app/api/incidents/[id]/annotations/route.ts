import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { json, route } from "@/lib/server/http/route";
import { annotate } from "@/lib/server/incidents/annotate";

export const POST = route(incidentOperations.annotate, async ({ params, body, principal }) => {
  const result = await annotate(params.id, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
