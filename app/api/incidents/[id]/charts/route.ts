import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { route } from "@/lib/server/http/route";
import { readIncidentCharts } from "@/lib/server/incidents/read-incident-charts";

export const dynamic = "force-dynamic";

/** The incident window's evidence series with the timeline's markers (deploys, schema changes…). */
export const GET = route(incidentOperations.charts, ({ params }) => readIncidentCharts(params.id));
