import { incidentOperations } from "@/lib/server/http/openapi/incident-operations";
import { route } from "@/lib/server/http/route";
import { incidentListStream } from "@/lib/server/live/incident-stream";

export const dynamic = "force-dynamic";

export const GET = route(incidentOperations.listStream, ({ request }) => incidentListStream(request.signal));
