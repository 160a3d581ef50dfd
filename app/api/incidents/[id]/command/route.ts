import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { json, route } from "@/lib/server/http/route";
import { changeCommand } from "@/lib/server/incidents/change-command";

export const POST = route(incidentOperations.command, async ({ params, body, principal }) => {
  const result = await changeCommand(params.id, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
