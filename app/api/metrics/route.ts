import { MetricsQuery } from "@/lib/schemas/reviews";
import { route } from "@/lib/server/http/route";
import { computeDashboard } from "@/lib/server/metrics/compute-dashboard";

export const GET = route({ auth: "viewer", query: MetricsQuery }, async ({ query }) => computeDashboard(query));
