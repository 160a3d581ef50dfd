import { CorrectBody, IncidentParams } from "@/lib/schemas/incidents";
import { json, route } from "@/lib/server/http/route";
import { correct } from "@/lib/server/incidents/annotate";

export const POST = route({ auth: "responder", params: IncidentParams, body: CorrectBody }, async ({ params, body, principal }) => {
  const result = await correct(params.id, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
