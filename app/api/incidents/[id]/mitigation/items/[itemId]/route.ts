import { mitigationOperations } from "@/lib/server/http/openapi/mitigation-operations";
import { json, route } from "@/lib/server/http/route";
import { updateChecklistItem } from "@/lib/server/mitigation/update-checklist-item";

export const POST = route(mitigationOperations.updateItem, async ({ params, body, principal }) => {
  const result = await updateChecklistItem(params.id, params.itemId, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
