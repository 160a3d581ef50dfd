import { PostEventBody } from "@/lib/schemas/incidents";
import { json, route } from "@/lib/server/http/route";
import { recordEvent } from "@/lib/server/incidents/record-event";

/** Deploy / schema-change events from machine clients (API token), attached to the incidents they touch. */
export const POST = route({ auth: "responder", body: PostEventBody }, async ({ body, principal }) => json(await recordEvent(body, principal), { status: 201 }));
