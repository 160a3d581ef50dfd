import { ItemParamsSchema, UpdateItemBody } from "@/lib/schemas/mitigation";
import { json, route } from "@/lib/server/http/route";
import { updateChecklistItem } from "@/lib/server/mitigation/update-checklist-item";

export const POST = route({ auth: "responder", params: ItemParamsSchema, body: UpdateItemBody }, async ({ params, body, principal }) => {
  const result = await updateChecklistItem(params.id, params.itemId, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
