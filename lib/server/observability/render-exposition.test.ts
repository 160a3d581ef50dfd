import { beforeEach, describe, expect, it } from "vitest";
import { recordPrometheusRequest, recordSample, recordSseListeners, recordWrite, resetMetricsForTests } from "./registry";
import { renderExposition } from "./render-exposition";

describe("Ripcord's own metrics in the Prometheus exposition format", () => {
  beforeEach(() => resetMetricsForTests());

  it("renders counters, gauges and cumulative histograms with HELP and TYPE", () => {
    recordSample("local", "ok", 40);
    recordSample("local", "ok", 300);
    recordSample("local", "KAFKA_UNREACHABLE", 2_000);
    recordSseListeners("incident", 1);
    recordSseListeners("incident", 1);
    recordSseListeners("incident", -1);
    recordWrite("ok", 7);
    const text = renderExposition();
    expect(text).toContain("# TYPE ripcord_sampler_samples_total counter\n");
    expect(text).toContain('ripcord_sampler_samples_total{cluster="local",outcome="ok"} 2\n');
    expect(text).toContain('ripcord_sampler_samples_total{cluster="local",outcome="KAFKA_UNREACHABLE"} 1\n');
    expect(text).toContain('ripcord_sse_listeners{stream="incident"} 1\n');
    expect(text).toContain("# TYPE ripcord_sampler_duration_seconds histogram\n");
    // 0.04 s, 0.3 s, 2 s: cumulative counts per bucket
    expect(text).toContain('ripcord_sampler_duration_seconds_bucket{cluster="local",le="0.05"} 1\n');
    expect(text).toContain('ripcord_sampler_duration_seconds_bucket{cluster="local",le="0.5"} 2\n');
    expect(text).toContain('ripcord_sampler_duration_seconds_bucket{cluster="local",le="2.5"} 3\n');
    expect(text).toContain('ripcord_sampler_duration_seconds_bucket{cluster="local",le="+Inf"} 3\n');
    expect(text).toContain('ripcord_sampler_duration_seconds_count{cluster="local"} 3\n');
    expect(text).toMatch(/ripcord_sampler_duration_seconds_sum\{cluster="local"\} 2\.34\d*\n/);
    expect(text).toContain('ripcord_incident_write_duration_seconds_bucket{outcome="ok",le="0.01"} 1\n');
  });

  it("escapes label values", () => {
    recordPrometheusRequest({ path: '/api/v1/query "x"\\\n', ok: false, code: "PROMETHEUS_TIMEOUT", durationMs: 1 });
    expect(renderExposition()).toContain('ripcord_prometheus_requests_total{path="/api/v1/query \\"x\\"\\\\\\n",outcome="PROMETHEUS_TIMEOUT"} 1\n');
  });

  it("every line is a comment or `name{labels} value`", () => {
    recordSample("a", "ok", 1);
    recordPrometheusRequest({ path: "/api/v1/query", ok: true, code: null, durationMs: 3 });
    for (const line of renderExposition().trimEnd().split("\n")) expect(line).toMatch(/^(# (HELP|TYPE) ripcord_\w+ .+|ripcord_\w+(\{[^}]*\})? (\d+(\.\d+)?(e-?\d+)?|\+Inf))$/);
  });
});
