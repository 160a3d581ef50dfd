import { IncidentParams } from "@/lib/schemas/incidents";
import { route } from "@/lib/server/http/route";
import { readIncidentCharts } from "@/lib/server/incidents/read-incident-charts";

export const dynamic = "force-dynamic";

/** The incident window's evidence series with the timeline's markers (deploys, schema changes…). */
export const GET = route({ auth: "viewer", params: IncidentParams }, ({ params }) => readIncidentCharts(params.id));
