import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { route } from "@/lib/server/http/route";
import { readBlastRadius } from "@/lib/server/incidents/read-blast-radius";

export const dynamic = "force-dynamic";

/** Which services read the topics of the incident's groups (live from Kafka, named by the catalog). */
export const GET = route(incidentOperations.blastRadius, ({ params }) => readBlastRadius(params.id));
