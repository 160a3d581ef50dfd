import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { json, route } from "@/lib/server/http/route";
import { correct } from "@/lib/server/incidents/annotate";

export const POST = route(incidentOperations.correct, async ({ params, body, principal }) => {
  const result = await correct(params.id, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
