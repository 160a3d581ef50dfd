import { IncidentParams } from "@/lib/schemas/incidents";
import { ReviewStateBody } from "@/lib/schemas/reviews";
import { route } from "@/lib/server/http/route";
import { changeReviewState } from "@/lib/server/reviews/change-review-state";

export const POST = route({ auth: "commander", params: IncidentParams, body: ReviewStateBody }, async ({ params, body, principal }) => ({
  review: await changeReviewState(params.id, body, principal),
}));
