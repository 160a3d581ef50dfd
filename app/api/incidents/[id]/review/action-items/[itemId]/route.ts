import { reviewOperations } from "@/lib/server/http/openapi/review-operations";
import { route } from "@/lib/server/http/route";
import { deleteActionItem } from "@/lib/server/reviews/delete-action-item";
import { updateActionItem } from "@/lib/server/reviews/update-action-item";

export const PATCH = route(reviewOperations.updateActionItem, async ({ params, body }) => ({
  actionItem: await updateActionItem(params.id, params.itemId, body),
}));

export const DELETE = route(reviewOperations.deleteActionItem, async ({ params, query }) => {
  await deleteActionItem(params.id, params.itemId, query.version);
  return new Response(null, { status: 204 });
});
