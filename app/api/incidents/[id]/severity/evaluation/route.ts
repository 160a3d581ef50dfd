import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { route } from "@/lib/server/http/route";
import { evaluateSeverity } from "@/lib/server/incidents/classify-severity";

/** Re-runs the classifier without recording anything: the page compares it with the current level. */
export const GET = route(incidentOperations.evaluateSeverity, async ({ params, query }) =>
  evaluateSeverity(params.id, { freshnessSloSeconds: query.freshnessSloSeconds ?? null, sampleSeconds: 2 }),
);
