import { z } from "zod";
import { IncidentParams } from "@/lib/schemas/incidents";
import { route } from "@/lib/server/http/route";
import { evaluateSeverity } from "@/lib/server/incidents/classify-severity";

const Query = z.object({ freshnessSloSeconds: z.coerce.number().positive().optional() });

/** Re-runs the classifier without recording anything: the page compares it with the current level. */
export const GET = route({ auth: "viewer", params: IncidentParams, query: Query }, async ({ params, query }) =>
  evaluateSeverity(params.id, { freshnessSloSeconds: query.freshnessSloSeconds ?? null, sampleSeconds: 2 }),
);
