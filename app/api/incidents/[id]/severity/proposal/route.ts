import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { json, route } from "@/lib/server/http/route";
import { proposeSeverity } from "@/lib/server/incidents/classify-severity";

/** Runs the classifier on live evidence plus the commander's answers and records the proposal. */
export const POST = route(incidentOperations.proposeSeverity, async ({ params, body, principal }) =>
  json(await proposeSeverity(params.id, body, principal), { status: 201 }),
);
