import { IncidentParams } from "@/lib/schemas/incidents";
import { PinBody } from "@/lib/schemas/reviews";
import { json, route } from "@/lib/server/http/route";
import { pinEntry } from "@/lib/server/reviews/pin-entry";

export const POST = route({ auth: "commander", params: IncidentParams, body: PinBody }, async ({ params, body, principal }) =>
  json(await pinEntry(params.id, body, principal), { status: 201 }),
);
