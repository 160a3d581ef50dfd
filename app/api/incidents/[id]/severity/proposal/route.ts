import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { json, route } from "@/lib/server/http/route";
import { recordSeverityProposal } from "@/lib/server/incidents/classify-severity";

/** The commander's SLO and answers given to the classifier: the proposal on them is recorded in the log. */
export const POST = route(incidentOperations.proposeSeverity, async ({ params, body, principal }) =>
  json(await recordSeverityProposal(params.id, body, principal), { status: 201 }),
);
