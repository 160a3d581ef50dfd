import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { json, route } from "@/lib/server/http/route";
import { recordEvent } from "@/lib/server/incidents/record-event";

/** Deploy / schema-change events from machine clients (API token), attached to the incidents they touch. */
export const POST = route(incidentOperations.postEvent, async ({ body, principal }) => json(await recordEvent(body, principal), { status: 201 }));
