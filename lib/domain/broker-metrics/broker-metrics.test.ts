import { describe, expect, it } from "vitest";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { buildEvidenceBundle } from "@/lib/domain/evidence/bundle";
import { computeSignals } from "@/lib/domain/evidence/signals";
import { bundleMetrics } from "./bundle";
import { BROKER_METRICS, TOPIC_BYTES_IN, VIA_EXAMPLE_0X, VIA_EXAMPLE_1X, VIA_STANDARD, VIA_STRIMZI, metricDef } from "./catalog";
import { compactReading, expandReading } from "./compact";
import { PrometheusConfigError, displayUrl, prometheusConfigFrom } from "./config";
import { assembleReading, brokerIdOf, failedReading, parseMatrix, parseVector, queryContext, type MetricAnswer } from "./reading";
import { brokerMetricSignals, readingsOf } from "./signals";
import { BROKER_METRIC_KEYS, type BrokerMetricsReading, type MetricId } from "./types";
import captured from "./__fixtures__/answers-4.3.1.json";
import rawQuery from "./__fixtures__/query-raw.json";
import rawNan from "./__fixtures__/query-nan-raw.json";
import rawRange from "./__fixtures__/query-range-raw.json";

// Answers of a real Prometheus (Debian's 2.42) scraping a real Kafka 4.3.1 broker through the JMX
// exporter 1.0.1 with scripts/kafka/jmx-exporter.yml (scripts/capture-broker-metrics.ts; raw
// responses by curl against the same Prometheus).
const CAPTURED = captured as unknown as { at: number; labelNames: string[]; brokers: { nodeId: number; host: string }[]; answers: Record<MetricId, MetricAnswer> };

const ctx = queryContext({ selector: 'job="kafka"', rateWindow: "30s", brokerLabel: "kafka_node" });

describe("the metric catalog (one place for Prometheus names)", () => {
  it("covers every figure of the evidence JSON, each with a not-exported explanation", () => {
    expect(BROKER_METRICS.map((d) => d.key).sort()).toEqual([...BROKER_METRIC_KEYS].sort());
    for (const d of [...BROKER_METRICS, TOPIC_BYTES_IN]) {
      expect(d.alternatives.length, d.key).toBeGreaterThan(0);
      expect(d.missing.length, d.key).toBeGreaterThan(10);
    }
  });

  it("puts the selector and the broker labels into every query, the rate window into every rate", () => {
    for (const d of [...BROKER_METRICS, TOPIC_BYTES_IN]) {
      for (const a of d.alternatives) {
        const q = a.expr(ctx);
        expect(q, d.key).toContain('job="kafka"');
        if (d !== TOPIC_BYTES_IN) expect(q, d.key).toContain("by (kafka_node,node_id,broker_id,kafka_broker_id,pod,instance)");
        expect(q, d.key).toContain("[30s]");
      }
    }
    expect(metricDef("produceP99Ms").alternatives[0]!.expr(ctx)).toBe(
      'max by (kafka_node,node_id,broker_id,kafka_broker_id,pod,instance) (last_over_time(kafka_network_requestmetrics_totaltimems{request="Produce",quantile="0.99",job="kafka"}[30s]))',
    );
  });

  it("knows the names of the common exporter configs: 1.x `_total`, 0.x `_count`, Strimzi's `_percent`", () => {
    const idle = metricDef("requestIdlePct").alternatives;
    expect(idle.map((a) => a.via)).toEqual([VIA_EXAMPLE_1X, VIA_EXAMPLE_0X, expect.any(String), VIA_STRIMZI]);
    expect(idle[0]!.expr(ctx)).toContain("kafka_server_kafkarequesthandlerpool_requesthandleravgidlepercent_count_total");
    expect(idle[1]!.expr(ctx)).toMatch(/requesthandleravgidlepercent_count\{/);
    expect(idle[3]!.expr(ctx)).toContain("kafka_server_kafkarequesthandlerpool_requesthandleravgidle_percent");
    expect(idle[3]!.caveat).toMatch(/since the broker started/);
    expect(metricDef("networkIdlePct").alternatives.map((a) => a.via)).toEqual([VIA_STANDARD, VIA_STRIMZI]);
    // Strimzi's config drops RequestMetrics: the explanation says so.
    expect(metricDef("produceP99Ms").missing).toMatch(/Strimzi/);
  });
});

describe("Prometheus answers", () => {
  it("parses a real instant vector, NaN as null, and a real range matrix", () => {
    const v = parseVector(rawQuery.data);
    expect(v.length).toBe(6);
    expect(v.every((s) => s.metric.request === "Produce" && typeof s.value === "number")).toBe(true);
    expect(parseVector(rawNan.data).map((s) => s.value)).toEqual([null, null]);
    const m = parseMatrix(rawRange.data);
    expect(m.length).toBe(1);
    expect(m[0]!.points.length).toBe(5);
    expect(m[0]!.points[1]!.at - m[0]!.points[0]!.at).toBe(5000);
    expect(() => parseVector(rawRange.data)).toThrow(/expected an instant vector, got matrix/);
  });

  it("matches series to brokers by node id label, pod name, instance host, or the only broker", () => {
    const brokers = [{ nodeId: 1, host: "kafka-a" }, { nodeId: 2, host: "kafka-b" }, { nodeId: 3, host: "kafka-c" }];
    const labels = ["node_id", "broker_id", "pod", "instance"];
    expect(brokerIdOf({ node_id: "2", instance: "x:1" }, brokers, labels)).toBe(2);
    expect(brokerIdOf({ pod: "my-cluster-kafka-3" }, brokers, labels)).toBe(3);
    expect(brokerIdOf({ instance: "kafka-b:9404" }, brokers, labels)).toBe(2);
    expect(brokerIdOf({ node_id: "9", instance: "kafka-c:9404" }, brokers, labels)).toBe(3);
    expect(brokerIdOf({ instance: "elsewhere:9404" }, brokers, labels)).toBeNull();
    expect(brokerIdOf({ instance: "127.0.0.1:9392" }, [{ nodeId: 1, host: "127.0.0.1" }, { nodeId: 2, host: "127.0.0.1" }], labels)).toBeNull();
    expect(brokerIdOf({ instance: "whatever:1" }, [{ nodeId: 7, host: "k" }], labels)).toBe(7);
  });
});

describe("a reading (captured from a real broker)", () => {
  const reading = assembleReading({ at: CAPTURED.at, url: "http://127.0.0.1:9090", answers: CAPTURED.answers, brokers: CAPTURED.brokers, labelNames: CAPTURED.labelNames, durationMs: 12 });

  it("has numbers for every figure of broker 1 and says which exporter names answered", () => {
    expect(reading.error).toBeNull();
    const b = reading.brokers[0]!;
    expect(b.nodeId).toBe(1);
    for (const key of BROKER_METRIC_KEYS) expect(typeof b[key], key).toBe("number");
    expect(b.produceP99Ms).toBe(Math.round(CAPTURED.answers.produceP99Ms.state === "ok" ? CAPTURED.answers.produceP99Ms.samples[0]!.value! * 1000 : 0) / 1000);
    expect(b.requestIdlePct).toBeGreaterThanOrEqual(0);
    expect(b.requestIdlePct).toBeLessThanOrEqual(100);
    expect(b.bytesInPerSec).toBeGreaterThan(0);
    expect(reading.metrics.find((m) => m.key === "requestIdlePct")).toMatchObject({ state: "ok", via: VIA_EXAMPLE_1X });
    expect(reading.topics[0]).toMatchObject({ topic: "capture-metrics" });
    expect(reading.warnings).toEqual([]);
  });

  it("gives a metric no alternative answers the not-exported state with its explanation", () => {
    const answers = { ...CAPTURED.answers, produceP99Ms: { state: "not-exported", query: "q" } as MetricAnswer };
    const r = assembleReading({ at: 1, url: "u", answers, brokers: CAPTURED.brokers, labelNames: CAPTURED.labelNames, durationMs: 1 });
    expect(r.brokers[0]!.produceP99Ms).toBeNull();
    expect(r.metrics.find((m) => m.key === "produceP99Ms")).toEqual({ key: "produceP99Ms", state: "not-exported", via: null, query: "q", note: metricDef("produceP99Ms").missing });
  });

  it("clamps rate() overshoot to 100%, drops impossible idle (Kafka 3.x combined nodes mark one meter from two pools), warns about series no broker matches", () => {
    const answers: Partial<Record<MetricId, MetricAnswer>> = {
      requestIdlePct: { state: "ok", alternative: 0, query: "q", samples: [{ metric: { node_id: "1" }, value: 156.2 }, { metric: { node_id: "2" }, value: 100.6 }, { metric: { instance: "stray:9404" }, value: 50 }] },
    };
    const r = assembleReading({ at: 1, url: "u", answers, brokers: [{ nodeId: 1, host: "a" }, { nodeId: 2, host: "b" }], labelNames: ["node_id", "instance"], durationMs: 1 });
    expect(r.brokers.find((b) => b.nodeId === 1)).toMatchObject({ requestIdlePct: null, unreliable: ["requestIdlePct"] });
    expect(r.brokers.find((b) => b.nodeId === 2)).toMatchObject({ requestIdlePct: 100 });
    expect(r.warnings).toEqual([
      expect.stringMatching(/^1 series could not be matched to a Kafka broker \(stray:9404\)/),
      "broker 1 reports request handler idle 156%: a Kafka 3.x node running broker and controller together counts both pools' idle time in one meter, so its idle % is not used",
    ]);
    // one impossible reading makes the broker's idle % unusable for the whole window
    const later = assembleReading({ at: 2, url: "u", answers: { requestIdlePct: { state: "ok", alternative: 0, query: "q", samples: [{ metric: { node_id: "1" }, value: 99 }] } }, brokers: [{ nodeId: 1, host: "a" }], labelNames: ["node_id"], durationMs: 1 });
    expect(brokerMetricSignals([r, later]).brokers.find((b) => b.nodeId === 1)!.metrics.requestIdlePct).toEqual({ latest: null, baseline: null, recent: null });
  });

  it("survives the stored form", () => {
    const back = expandReading(JSON.parse(JSON.stringify(compactReading(reading))) as ReturnType<typeof compactReading>);
    expect(back.brokers).toEqual(reading.brokers);
    expect(back.metrics.map((m) => [m.key, m.state, m.via])).toEqual(reading.metrics.map((m) => [m.key, m.state, m.via]));
  });
});

function reading(at: number, values: Partial<Record<(typeof BROKER_METRIC_KEYS)[number], number>>, nodeId = 1): BrokerMetricsReading {
  const brokers = [{ nodeId, ...Object.fromEntries(BROKER_METRIC_KEYS.map((k) => [k, values[k] ?? null])) }] as BrokerMetricsReading["brokers"];
  return { source: "prometheus", at, url: "http://p:9090", error: null, brokers, topics: [], metrics: BROKER_METRIC_KEYS.map((key) => ({ key, state: "ok", via: VIA_STANDARD, query: null, note: null })), warnings: [], durationMs: 3 };
}

describe("broker metric signals over a history", () => {
  it("baseline = median of the first two thirds, recent = median of the last third", () => {
    const readings = [2, 3, 2, 4, 3, 2, 400, 500, 450].map((p, i) => reading(i * 10_000, { produceP99Ms: p }));
    const s = brokerMetricSignals(readings);
    expect(s.state).toBe("ok");
    expect(s.brokers[0]!.metrics.produceP99Ms).toEqual({ latest: 450, baseline: 2.5, recent: 450 });
  });

  it("a failed newest reading leaves the state unavailable, the figures from the last answer", () => {
    const s = brokerMetricSignals([reading(0, { produceP99Ms: 2 }), reading(10_000, { produceP99Ms: 3 }), failedReading(20_000, "http://p:9090", "PROMETHEUS_UNREACHABLE", "Prometheus at http://p:9090 is unreachable (connection refused)", 1)]);
    expect(s).toMatchObject({ state: "unavailable", error: "Prometheus at http://p:9090 is unreachable (connection refused)", lastReadingAt: 10_000, lastAttemptAt: 20_000, readings: 2 });
    expect(s.brokers[0]!.metrics.produceP99Ms.latest).toBe(3);
  });

  it("with backfilled readings the window itself is the recent part", () => {
    const backfill = [1, 2, 3].map((p, i) => reading(i * 1000, { produceP99Ms: p }));
    const history: ClusterSnapshot[] = [10_000, 11_000].map((takenAt, i) => ({ takenAt, clusterId: "c", brokers: [{ nodeId: 1, host: "h", port: 1 }], controllerId: 1, kraft: true, topics: [], groups: [], warnings: [], brokerMetrics: reading(takenAt, { produceP99Ms: 90 + i * 20 }) }));
    const m = computeSignals(history, { brokerReadings: backfill }).brokerMetrics!;
    expect(m.brokers[0]!.metrics.produceP99Ms).toEqual({ latest: 110, baseline: 2, recent: 100 });
    expect(readingsOf(history).length).toBe(2);
  });

  it("no reading at all: source none, and the bundle says so", () => {
    const history: ClusterSnapshot[] = [{ takenAt: 1, clusterId: "c", brokers: [], controllerId: null, kraft: true, topics: [], groups: [], warnings: [] }];
    expect(computeSignals(history).brokerMetrics!.source).toBe("none");
    expect(buildEvidenceBundle(history).metrics).toEqual({ source: "none", at: null, url: null, error: null, brokers: [], topics: [], notExported: [] });
  });

  it("the bundle carries the newest answered figures, their time, and the newest error", () => {
    const history: ClusterSnapshot[] = [reading(1_000, { produceP99Ms: 4 }), failedReading(2_000, "http://p:9090", "PROMETHEUS_TIMEOUT", "Prometheus at http://p:9090 did not answer within 2000 ms", 2000)].map((r) => ({
      takenAt: r.at, clusterId: "c", brokers: [{ nodeId: 1, host: "h", port: 1 }], controllerId: 1, kraft: true, topics: [], groups: [], warnings: [], brokerMetrics: r,
    }));
    const m = bundleMetrics(history);
    expect(m).toMatchObject({ source: "prometheus", at: new Date(1_000).toISOString(), error: "Prometheus at http://p:9090 did not answer within 2000 ms" });
    expect(m.brokers[0]!.produceP99Ms).toBe(4);
    expect(buildEvidenceBundle(history).warnings).toContain("broker metrics unavailable: Prometheus at http://p:9090 did not answer within 2000 ms; figures below are from 1970-01-01T00:00:01.000Z");
  });
});

describe("Prometheus settings", () => {
  it("reads the URL, auth, timeout, selector, broker label and rate window", () => {
    expect(prometheusConfigFrom({})).toBeNull();
    expect(prometheusConfigFrom({ PROMETHEUS_URL: "" })).toBeNull();
    expect(prometheusConfigFrom({ PROMETHEUS_URL: "http://127.0.0.1:9090/", PROMETHEUS_BEARER_TOKEN: "t", PROMETHEUS_SELECTOR: 'job="kafka", cluster=~"eu.*"', PROMETHEUS_RATE_WINDOW: "30s" })).toEqual({
      url: "http://127.0.0.1:9090",
      auth: { kind: "bearer", token: "t" },
      timeoutMs: 2000,
      selector: 'job="kafka", cluster=~"eu.*"',
      brokerLabel: null,
      rateWindow: "30s",
    });
    expect(prometheusConfigFrom({ PROMETHEUS_URL: "https://prom.example.com/prometheus", PROMETHEUS_USERNAME: "u", PROMETHEUS_PASSWORD: "p", PROMETHEUS_BROKER_LABEL: "broker_id" })?.auth).toEqual({ kind: "basic", username: "u", password: "p" });
    expect(displayUrl("https://prom.example.com/prometheus/")).toBe("https://prom.example.com/prometheus");
  });

  it.each([
    [{ PROMETHEUS_URL: "127.0.0.1:9090" }, "PROMETHEUS_URL: must be a URL such as http://127.0.0.1:9090"],
    [{ PROMETHEUS_URL: "ftp://x" }, "PROMETHEUS_URL: must be an http:// or https:// URL"],
    [{ PROMETHEUS_URL: "http://u:p@x:9090" }, "PROMETHEUS_URL: must not carry credentials"],
    [{ PROMETHEUS_URL: "http://x", PROMETHEUS_USERNAME: "u" }, "PROMETHEUS_USERNAME: PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD go together"],
    [{ PROMETHEUS_URL: "http://x", PROMETHEUS_BEARER_TOKEN: "t", PROMETHEUS_USERNAME: "u", PROMETHEUS_PASSWORD: "p" }, "PROMETHEUS_BEARER_TOKEN: set PROMETHEUS_BEARER_TOKEN or"],
    [{ PROMETHEUS_URL: "http://x", PROMETHEUS_TIMEOUT_MS: "soon" }, "PROMETHEUS_TIMEOUT_MS: must be milliseconds between 100 and 60000"],
    [{ PROMETHEUS_URL: "http://x", PROMETHEUS_SELECTOR: "job=kafka" }, "PROMETHEUS_SELECTOR: must be label matchers"],
    [{ PROMETHEUS_URL: "http://x", PROMETHEUS_BROKER_LABEL: "node-id" }, "PROMETHEUS_BROKER_LABEL: must be a Prometheus label name"],
    [{ PROMETHEUS_URL: "http://x", PROMETHEUS_RATE_WINDOW: "1 minute" }, "PROMETHEUS_RATE_WINDOW: must be a PromQL duration"],
  ])("%j → %s", (vars, message) => {
    expect(() => prometheusConfigFrom(vars)).toThrow(PrometheusConfigError);
    expect(() => prometheusConfigFrom(vars)).toThrow(message);
  });
});
