import { DecideSeverityBody, IncidentParams } from "@/lib/schemas/incidents";
import { json, route } from "@/lib/server/http/route";
import { decideSeverity } from "@/lib/server/incidents/decide-severity";

export const POST = route({ auth: "commander", params: IncidentParams, body: DecideSeverityBody }, async ({ params, body, principal }) => {
  const result = await decideSeverity(params.id, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
