import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { route } from "@/lib/server/http/route";
import { evaluateSeverity } from "@/lib/server/incidents/classify-severity";

/** Evaluates severity on the scope's evidence without recording anything (a what-if SLO may be given). */
export const GET = route(incidentOperations.evaluateSeverity, async ({ params, query }) =>
  evaluateSeverity(params.id, query.freshnessSloSeconds !== undefined ? { freshnessSloSeconds: query.freshnessSloSeconds } : {}),
);
