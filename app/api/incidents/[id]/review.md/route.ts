import { markdownFileName, reviewMarkdown } from "@/lib/domain/review/markdown";
import { reviewOperations } from "@/lib/server/http/openapi/review-operations";
import { route } from "@/lib/server/http/route";
import { getReview } from "@/lib/server/reviews/get-review";

export const GET = route(reviewOperations.markdown, async ({ params }) => {
  const { document } = await getReview(params.id);
  return new Response(reviewMarkdown(document), {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${markdownFileName(document)}"`,
      "cache-control": "no-store",
    },
  });
});
