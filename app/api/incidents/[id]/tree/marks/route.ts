import { diagnosisOperations } from "@/lib/server/http/openapi/diagnosis-operations";
import { json, route } from "@/lib/server/http/route";
import { markNode } from "@/lib/server/diagnosis/mark-node";

/** A commander marks a tree node investigating / ruled out / confirmed (an incident-log entry). */
export const POST = route(diagnosisOperations.mark, async ({ params, body, principal }) => {
  const result = await markNode(params.id, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
