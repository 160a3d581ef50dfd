import { reviewOperations } from "@/lib/server/http/openapi/review-operations";
import { json, route } from "@/lib/server/http/route";
import { pinEntry } from "@/lib/server/reviews/pin-entry";

export const POST = route(reviewOperations.pin, async ({ params, body, principal }) =>
  json(await pinEntry(params.id, body, principal), { status: 201 }),
);
