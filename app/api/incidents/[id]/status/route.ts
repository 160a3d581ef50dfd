import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { json, route } from "@/lib/server/http/route";
import { changeStatus } from "@/lib/server/incidents/change-status";

export const POST = route(incidentOperations.changeStatus, async ({ params, body, principal }) => {
  const result = await changeStatus(params.id, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
