import { IncidentParams } from "@/lib/schemas/incidents";
import { SaveReviewBody } from "@/lib/schemas/reviews";
import { route } from "@/lib/server/http/route";
import { getReview } from "@/lib/server/reviews/get-review";
import { saveReview } from "@/lib/server/reviews/save-review";

export const GET = route({ auth: "viewer", params: IncidentParams }, async ({ params }) => getReview(params.id));

export const PUT = route({ auth: "commander", params: IncidentParams, body: SaveReviewBody, maxBodyBytes: 256 * 1024 }, async ({ params, body, principal }) => ({
  review: await saveReview(params.id, body, principal),
}));
