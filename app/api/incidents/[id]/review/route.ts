import { reviewOperations } from "@/lib/server/http/openapi/review-operations";
import { route } from "@/lib/server/http/route";
import { getReview } from "@/lib/server/reviews/get-review";
import { saveReview } from "@/lib/server/reviews/save-review";

export const GET = route(reviewOperations.get, async ({ params }) => getReview(params.id));

export const PUT = route(reviewOperations.save, async ({ params, body, principal }) => ({
  review: await saveReview(params.id, body, principal),
}));
