import { IncidentParams } from "@/lib/schemas/incidents";
import { ChecklistQuery } from "@/lib/schemas/mitigation";
import { route } from "@/lib/server/http/route";
import { getChecklist } from "@/lib/server/mitigation/get-checklist";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "viewer", params: IncidentParams, query: ChecklistQuery }, async ({ params, query }) => getChecklist(params.id, { sampleSeconds: query.sampleSeconds }));
