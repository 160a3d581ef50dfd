import { DiagnosisQuery } from "@/lib/schemas/diagnosis";
import { IncidentParams } from "@/lib/schemas/incidents";
import { route } from "@/lib/server/http/route";
import { diagnoseIncident } from "@/lib/server/diagnosis/diagnose-incident";

export const dynamic = "force-dynamic";

/** Ranked causes for the incident's scope, live verdicts per leaf and the suggested path. */
export const GET = route({ auth: "viewer", params: IncidentParams, query: DiagnosisQuery }, ({ params, query }) =>
  diagnoseIncident(params.id, { fresh: query.fresh !== undefined }),
);
