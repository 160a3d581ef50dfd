import { CommandBody, IncidentParams } from "@/lib/schemas/incidents";
import { json, route } from "@/lib/server/http/route";
import { changeCommand } from "@/lib/server/incidents/change-command";

export const POST = route({ auth: "commander", params: IncidentParams, body: CommandBody }, async ({ params, body, principal }) => {
  const result = await changeCommand(params.id, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
