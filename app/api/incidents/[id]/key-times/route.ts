import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { json, route } from "@/lib/server/http/route";
import { setKeyTime } from "@/lib/server/incidents/set-key-time";

export const POST = route(incidentOperations.setKeyTime, async ({ params, body, principal }) => {
  const result = await setKeyTime(params.id, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
