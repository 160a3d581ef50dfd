import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { route } from "@/lib/server/http/route";
import { getIncident } from "@/lib/server/incidents/get-incident";

export const GET = route(incidentOperations.get, async ({ params }) => getIncident(params.id));
