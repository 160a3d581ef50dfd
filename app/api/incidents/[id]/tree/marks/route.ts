import { MarkNodeBody } from "@/lib/schemas/diagnosis";
import { IncidentParams } from "@/lib/schemas/incidents";
import { json, route } from "@/lib/server/http/route";
import { markNode } from "@/lib/server/diagnosis/mark-node";

/** A commander marks a tree node investigating / ruled out / confirmed (an incident-log entry). */
export const POST = route({ auth: "commander", params: IncidentParams, body: MarkNodeBody }, async ({ params, body, principal }) => {
  const result = await markNode(params.id, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
