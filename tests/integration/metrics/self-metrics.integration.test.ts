import { afterAll, describe, expect, it } from "vitest";
import { GET as selfMetrics } from "@/app/api/observability/metrics/route";
import { POST as openIncidentRoute } from "@/app/api/incidents/route";
import { POST as annotateRoute } from "@/app/api/incidents/[id]/annotations/route";
import { createApiToken } from "@/lib/server/auth/create-token";
import { getSampler } from "@/lib/server/evidence/get-sampler";
import { closeAllGateways } from "@/lib/server/kafka/registry";
import { ctx, post, signedIn } from "../actions/support";

const scrape = (token?: string) => selfMetrics(new Request("http://localhost/api/observability/metrics", { headers: token ? { authorization: `Bearer ${token}` } : {} }));

/** The value of one exposition line (`name{labels} value`), or null when the series is absent. */
function valueOf(text: string, series: string): number | null {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

/** Issue 16: Ripcord's own metrics, behind a token, from the real sampler on the real Kafka. */
describe("GET /api/observability/metrics", () => {
  afterAll(async () => {
    getSampler().stop();
    await closeAllGateways();
  });

  it("refuses anonymous callers (401) and alert-source tokens (403), as problem+json", async () => {
    const anonymous = await scrape();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const alerts = await createApiToken({ name: "alertmanager", role: "viewer", kind: "alert-source" });
    expect((await scrape(alerts.token)).status).toBe(403);
  });

  it("a machine token reads the exposition: sampler samples and duration of the real Kafka, write latency of a real annotation (appendEntry)", async () => {
    const machine = await createApiToken({ name: "prometheus-scrape", role: "viewer", kind: "machine" });
    const sampler = getSampler();
    await sampler.ready(20_000);
    expect(sampler.latest()).not.toBeNull();
    const commander = await signedIn("commander");
    const opened = await openIncidentRoute(post("/api/incidents", { title: "self metrics", scope: { topics: [], groups: [], services: [] } }, commander));
    expect(opened.status).toBe(201);
    const incidentId = ((await opened.json()) as { incident: { id: string } }).incident.id;
    const annotated = await annotateRoute(post(`/api/incidents/${incidentId}/annotations`, { annotationKind: "observation", body: "broker 1 p99 at 400 ms" }, commander), ctx({ id: incidentId }));
    expect(annotated.status).toBe(201);

    const res = await scrape(machine.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    const cluster = sampler.displayName;
    expect(valueOf(text, `ripcord_sampler_samples_total{cluster="${cluster}",outcome="ok"}`)).toBeGreaterThanOrEqual(1);
    expect(valueOf(text, `ripcord_sampler_duration_seconds_count{cluster="${cluster}"}`)).toBeGreaterThanOrEqual(1);
    expect(valueOf(text, `ripcord_sampler_duration_seconds_bucket{cluster="${cluster}",le="+Inf"}`)).toBe(valueOf(text, `ripcord_sampler_duration_seconds_count{cluster="${cluster}"}`));
    expect(valueOf(text, 'ripcord_incident_write_duration_seconds_count{outcome="ok"}')).toBeGreaterThanOrEqual(1);
    expect(text).toContain("# TYPE ripcord_sse_listeners gauge\n");
    expect(text).toContain("# TYPE ripcord_prometheus_requests_total counter\n");
  });
});
