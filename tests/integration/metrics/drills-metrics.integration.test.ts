import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prometheusConfigFrom } from "@/lib/domain/broker-metrics/config";
import { WORTH_INVESTIGATING } from "@/lib/domain/diagnosis/rank";
import { runScenario } from "@/lib/server/drills/run-scenario";
import { brokerOverload, healthy, producerQuota } from "@/lib/server/drills/scenarios";
import { BrokerMetricsReader } from "@/lib/server/prometheus/broker-metrics-reader";
import { kafkaFor } from "../kafka/fixtures";
import { testPrometheus } from "./prometheus";

async function ioThreads(nodeId: number): Promise<{ value: string | null; source: number }> {
  const admin = kafkaFor().admin();
  await admin.connect();
  try {
    const res = await admin.describeConfigs({ resources: [{ type: 4, name: String(nodeId), configNames: ["num.io.threads"] }], includeSynonyms: false });
    const e = res.resources[0]!.configEntries[0]!;
    return { value: e.configValue, source: Number(e.configSource) };
  } finally {
    await admin.disconnect();
  }
}

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

  // On the shared test broker (other files load it at the same time) the drill must still reach
  // an overload: its requests cost the broker's one I/O thread more than the machine's load does.
  it("broker-overload: broker.overload ranks first, from the metrics, naming the broker; the thread pool is restored as found", async () => {
    const target = Math.min(...brokers().map((_, i) => i + 1));
    // what the broker had before (an override left by a drill killed mid-run is restored as found)
    const before = await ioThreads(target);
    const lines: string[] = [];
    const result = await runScenario(brokerOverload, { brokers: brokers(), brokerMetrics: reader(), log: (line) => lines.push(line) });
    const figures = JSON.stringify(result.signals.brokerMetrics?.brokers.map((b) => ({ nodeId: b.nodeId, queue: b.metrics.requestQueueP99Ms, idle: b.metrics.requestIdlePct })));
    expect(result.established, figures).toBe(true);
    expect(lines.some((l) => /num\.io\.threads \d+( → \d+)* → 1$/.test(l)), lines.join("\n")).toBe(true);
    expect(result.diagnosis.causes[0]?.id, JSON.stringify(result.diagnosis.causes)).toBe("broker.overload");
    expect(result.rankOfInjectedCause).toBe(1);
    expect(result.diagnosis.causes[0]!.reasons.join(" ")).toMatch(new RegExp(`^broker ${target}: `));
    expect(result.diagnosis.verdicts.some((v) => v.leafId === "broker.overload" && v.verdict === "supported" && /^broker\.(handler-idle|request-latency)$/.test(v.checkId))).toBe(true);
    expect(result.history.every((s) => s.brokerMetrics?.source === "prometheus")).toBe(true);
    // the thread pool is back to what it was: on a broker without an override, none is left (source 2 = dynamic broker config)
    expect(await ioThreads(target)).toEqual({ value: before.value, source: before.source });
  });

  it("producer-quota: producer.throttled ranks first, with the brokers' throttle time", async () => {
    const result = await runScenario(producerQuota, { brokers: brokers(), brokerMetrics: reader() });
    expect(result.established).toBe(true);
    expect(result.rankOfInjectedCause, JSON.stringify(result.diagnosis.causes)).toBe(1);
    expect(result.diagnosis.verdicts.find((v) => v.checkId === "producer.throttle-time" && v.verdict === "supported")?.reason).toMatch(/^broker \d+ throttles producers for their quota: produce throttle time \d+ ms/);
  });

});
