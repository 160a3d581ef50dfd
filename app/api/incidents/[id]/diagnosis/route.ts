import { diagnosisOperations } from "@/lib/server/http/openapi/diagnosis-operations";
import { route } from "@/lib/server/http/route";
import { diagnoseIncident } from "@/lib/server/diagnosis/diagnose-incident";

export const dynamic = "force-dynamic";

/** Ranked causes for the incident's scope, live verdicts per leaf and the suggested path. */
export const GET = route(diagnosisOperations.diagnose, ({ params, query }) =>
  diagnoseIncident(params.id, { fresh: query.fresh !== undefined }),
);
