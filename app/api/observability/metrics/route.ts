import { observabilityOperations } from "@/lib/server/http/openapi/observability-operations";
import { route } from "@/lib/server/http/route";
import { EXPOSITION_CONTENT_TYPE, renderExposition } from "@/lib/server/observability/render-exposition";

export const dynamic = "force-dynamic";

/** Ripcord's own metrics for a Prometheus scrape (a machine token, viewer role). */
export const GET = route(observabilityOperations.selfMetrics, () =>
  new Response(renderExposition(), { headers: { "content-type": EXPOSITION_CONTENT_TYPE, "cache-control": "no-store" } }),
);
