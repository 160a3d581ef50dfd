import { reviewOperations } from "@/lib/server/http/openapi/review-operations";
import { route } from "@/lib/server/http/route";
import { computeDashboard } from "@/lib/server/metrics/compute-dashboard";

export const GET = route(reviewOperations.metrics, async ({ query }) => computeDashboard(query));
