import { IncidentParams } from "@/lib/schemas/incidents";
import { route } from "@/lib/server/http/route";
import { readBlastRadius } from "@/lib/server/incidents/read-blast-radius";

export const dynamic = "force-dynamic";

/** Which services read the topics of the incident's groups (live from Kafka, named by the catalog). */
export const GET = route({ auth: "viewer", params: IncidentParams }, ({ params }) => readBlastRadius(params.id));
