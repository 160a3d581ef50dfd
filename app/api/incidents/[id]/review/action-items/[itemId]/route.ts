import { ActionItemParams, DeleteActionItemQuery, UpdateActionItemBody } from "@/lib/schemas/reviews";
import { route } from "@/lib/server/http/route";
import { deleteActionItem } from "@/lib/server/reviews/delete-action-item";
import { updateActionItem } from "@/lib/server/reviews/update-action-item";

export const PATCH = route({ auth: "commander", params: ActionItemParams, body: UpdateActionItemBody }, async ({ params, body }) => ({
  actionItem: await updateActionItem(params.id, params.itemId, body),
}));

export const DELETE = route({ auth: "commander", params: ActionItemParams, query: DeleteActionItemQuery }, async ({ params, query }) => {
  await deleteActionItem(params.id, params.itemId, query.version);
  return new Response(null, { status: 204 });
});
