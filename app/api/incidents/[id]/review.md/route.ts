import { markdownFileName, reviewMarkdown } from "@/lib/domain/review/markdown";
import { IncidentParams } from "@/lib/schemas/incidents";
import { route } from "@/lib/server/http/route";
import { getReview } from "@/lib/server/reviews/get-review";

export const GET = route({ auth: "viewer", params: IncidentParams }, async ({ params }) => {
  const { document } = await getReview(params.id);
  return new Response(reviewMarkdown(document), {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${markdownFileName(document)}"`,
      "cache-control": "no-store",
    },
  });
});
