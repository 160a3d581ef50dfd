import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prometheusConfigFrom } from "@/lib/domain/broker-metrics/config";
import { WORTH_INVESTIGATING } from "@/lib/domain/diagnosis/rank";
import { runScenario } from "@/lib/server/drills/run-scenario";
import { healthy, producerQuota } from "@/lib/server/drills/scenarios";
import { BrokerMetricsReader } from "@/lib/server/prometheus/broker-metrics-reader";
import { testPrometheus } from "./prometheus";

const prometheus = testPrometheus("drills", 9087);
const brokers = () => (process.env.KAFKA_BROKERS ?? "").split(",");
const reader = () => new BrokerMetricsReader(prometheusConfigFrom({ PROMETHEUS_URL: prometheus.url, PROMETHEUS_RATE_WINDOW: prometheus.rateWindow })!);

/** Issue 16 acceptance: drills whose cause only broker metrics show, on the real brokers with a real Prometheus. */
describe("metric drills (real Prometheus scraping the real local brokers)", () => {
  beforeAll(() => prometheus.start());
  afterAll(() => prometheus.stop());

  // First, on a calm broker: the drills below leave throttled clients and slow requests in the
  // brokers' own statistics for a while (quota sensors, latency percentiles).
  it("the healthy baseline with metrics on raises no broker cause past the threshold", async () => {
    const result = await runScenario(healthy, { brokers: brokers(), brokerMetrics: reader() });
    expect(result.passed, JSON.stringify(result.diagnosis.causes)).toBe(true);
    expect(result.signals.brokerMetrics?.readings).toBeGreaterThan(0);
    expect(result.diagnosis.causes.filter((c) => c.score >= WORTH_INVESTIGATING)).toEqual([]);
    expect(result.diagnosis.verdicts.filter((v) => /^(broker\.|producer\.throttle)/.test(v.checkId) && v.verdict === "supported")).toEqual([]);
  });

  it("producer-quota: producer.throttled ranks first, with the brokers' throttle time", async () => {
    const result = await runScenario(producerQuota, { brokers: brokers(), brokerMetrics: reader() });
    expect(result.established).toBe(true);
    expect(result.rankOfInjectedCause, JSON.stringify(result.diagnosis.causes)).toBe(1);
    expect(result.diagnosis.verdicts.find((v) => v.checkId === "producer.throttle-time" && v.verdict === "supported")?.reason).toMatch(/^broker \d+ throttles producers for their quota: produce throttle time \d+ ms/);
  });

});
