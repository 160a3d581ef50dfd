import { IncidentParams } from "@/lib/schemas/incidents";
import { route } from "@/lib/server/http/route";
import { getIncident } from "@/lib/server/incidents/get-incident";

export const GET = route({ auth: "viewer", params: IncidentParams }, async ({ params }) => getIncident(params.id));
