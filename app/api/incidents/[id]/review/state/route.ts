import { reviewOperations } from "@/lib/server/http/openapi/review-operations";
import { route } from "@/lib/server/http/route";
import { changeReviewState } from "@/lib/server/reviews/change-review-state";

export const POST = route(reviewOperations.changeState, async ({ params, body, principal }) => ({
  review: await changeReviewState(params.id, body, principal),
}));
