import { route } from "@/lib/server/http/route";
import { incidentListStream } from "@/lib/server/live/incident-stream";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "viewer" }, ({ request }) => incidentListStream(request.signal));
