import { ChangeStatusBody, IncidentParams } from "@/lib/schemas/incidents";
import { json, route } from "@/lib/server/http/route";
import { changeStatus } from "@/lib/server/incidents/change-status";

export const POST = route({ auth: "commander", params: IncidentParams, body: ChangeStatusBody }, async ({ params, body, principal }) => {
  const result = await changeStatus(params.id, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
