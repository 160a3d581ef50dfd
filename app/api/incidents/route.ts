import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { json, route } from "@/lib/server/http/route";
import { listIncidents } from "@/lib/server/incidents/list-incidents";
import { openIncident } from "@/lib/server/incidents/open-incident";

export const GET = route(incidentOperations.list, async ({ query }) => ({ incidents: await listIncidents(query) }));

export const POST = route(incidentOperations.open, async ({ body, principal }) => {
  const { incident, duplicate } = await openIncident(body, principal);
  return json({ incident, duplicate }, { status: duplicate ? 200 : 201 });
});
