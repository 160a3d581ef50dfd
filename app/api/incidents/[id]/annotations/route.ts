import { AnnotateBody, IncidentParams } from "@/lib/schemas/incidents";
import { json, route } from "@/lib/server/http/route";
import { annotate } from "@/lib/server/incidents/annotate";

export const POST = route({ auth: "responder", params: IncidentParams, body: AnnotateBody }, async ({ params, body, principal }) => {
  const result = await annotate(params.id, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
