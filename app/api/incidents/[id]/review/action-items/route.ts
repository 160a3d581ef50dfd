import { reviewOperations } from "@/lib/server/http/openapi/review-operations";
import { json, route } from "@/lib/server/http/route";
import { createActionItem } from "@/lib/server/reviews/create-action-item";

export const POST = route(reviewOperations.createActionItem, async ({ params, body }) =>
  json({ actionItem: await createActionItem(params.id, body) }, { status: 201 }),
);
