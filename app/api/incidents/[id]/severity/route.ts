import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { json, route } from "@/lib/server/http/route";
import { decideSeverity } from "@/lib/server/incidents/decide-severity";

export const POST = route(incidentOperations.decideSeverity, async ({ params, body, principal }) => {
  const result = await decideSeverity(params.id, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
