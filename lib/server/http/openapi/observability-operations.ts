import { defineOperations } from "./types";

/**
 * Ripcord's own metrics (issue 16), so the tool that watches Kafka during an incident can itself
 * be watched. Behind a token: scrape it with a machine API token (viewer role) as
 * `authorization: { credentials: <token> }` in the scrape config; no anonymous access.
 */
export const observabilityOperations = defineOperations({
  selfMetrics: {
    method: "get",
    path: "/api/observability/metrics",
    summary:
      "Ripcord's own metrics in the Prometheus text exposition format: evidence sampler duration and outcomes per cluster, Kafka collection errors, Prometheus requests and their duration by outcome, SSE listeners per stream, incident-log write latency",
    tag: "system",
    auth: "viewer",
    responseType: "text/plain; version=0.0.4",
  },
});
