import { reviewOperations } from "@/lib/server/http/openapi/review-operations";
import { route } from "@/lib/server/http/route";
import { exportIncident } from "@/lib/server/reviews/export-incident";

export const GET = route(reviewOperations.exportJson, async ({ params }) => {
  const data = await exportIncident(params.id);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json",
      "content-disposition": `attachment; filename="incident-${params.id}.json"`,
      "cache-control": "no-store",
    },
  });
});
