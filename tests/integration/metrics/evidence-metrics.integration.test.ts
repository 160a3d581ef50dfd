import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "kafkajs";
import { uniqueName } from "../helpers";
import { brokers, createTopics, deleteQuietly, kafkaFor, produce } from "../kafka/fixtures";
import { promql, testPrometheus } from "./prometheus";

const root = path.resolve(__dirname, "../../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const prometheus = testPrometheus("evidence", 9088);

function evidence(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(tsx, ["scripts/evidence.ts", ...args], { cwd: root, encoding: "utf8", timeout: 90_000, env: { ...process.env, PROMETHEUS_RATE_WINDOW: prometheus.rateWindow, ...env } });
  return result;
}

interface Bundle {
  cluster: { brokers: { nodeId: number }[] };
  topics: { name: string }[];
  metrics: {
    source: string;
    at: string | null;
    url: string | null;
    error: string | null;
    brokers: Record<string, number | null>[];
    notExported: { metric: string }[];
  };
  warnings: string[];
}

/** Issue 16 acceptance: the evidence CLI with a real Prometheus scraping the real local brokers. */
describe("evidence CLI with PROMETHEUS_URL (real Prometheus, real brokers)", () => {
  const kafka = kafkaFor();
  const topic = uniqueName("it-metrics");
  let admin: Admin;

  beforeAll(async () => {
    await prometheus.start();
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: 2, replicationFactor: 1 }]);
    await produce(kafka, topic, { 0: 200, 1: 200 });
  });

  afterAll(async () => {
    await prometheus.stop();
    await deleteQuietly(admin, [topic], []);
    await admin.disconnect();
  });

  it("carries metrics.source prometheus with numeric produce / fetch p99 and idle % for each broker, equal to PromQL at the same time", async () => {
    const run = evidence(["--brokers", brokers().join(","), "--window", "2", "--baseline", "30", "--json"], { PROMETHEUS_URL: prometheus.url });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const bundle = JSON.parse(run.stdout) as Bundle;
    expect(bundle.metrics).toMatchObject({ source: "prometheus", url: prometheus.url, error: null, notExported: [] });
    const at = Date.parse(bundle.metrics.at!);
    expect(at).toBeGreaterThan(0);
    expect(bundle.metrics.brokers.map((b) => b.nodeId).sort()).toEqual(bundle.cluster.brokers.map((b) => b.nodeId).sort());

    const w = prometheus.rateWindow;
    for (const b of bundle.metrics.brokers) {
      for (const key of ["produceP99Ms", "fetchP99Ms", "requestQueueP99Ms", "networkIdlePct", "bytesInPerSec", "bytesOutPerSec"]) {
        expect(typeof b[key], `broker ${b.nodeId} ${key}`).toBe("number");
      }
      // Kafka 3.9 registers the produce throttle-time sensor only once a client is throttled: a number on 4.x, else null
      if (b.produceThrottleMs !== null) expect(typeof b.produceThrottleMs, `broker ${b.nodeId} produceThrottleMs`).toBe("number");
      // a number, or null with the reason in the warnings (Kafka 3.x combined nodes)
      if (b.requestIdlePct === null) expect(bundle.warnings.join(" ")).toMatch(/counts both pools' idle time in one meter/);
      else expect(typeof b.requestIdlePct).toBe("number");
      // The same figures, asked of Prometheus directly with the metric names, at the evidence's time
      // (gauges through last_over_time over the rate window, as Ripcord reads them: a missed scrape of
      // a busy broker must not blank them).
      const node = `node_id="${b.nodeId}"`;
      const last = (selector: string) => `last_over_time(${selector}[${w}])`;
      const one = async (expr: string) => {
        const rows = await promql(prometheus.url, expr, at);
        expect(rows, expr).toHaveLength(1);
        return rows[0]!.value;
      };
      expect(b.produceP99Ms).toBeCloseTo(await one(last(`kafka_network_requestmetrics_totaltimems{request="Produce",quantile="0.99",${node}}`)), 2);
      expect(b.fetchP99Ms).toBeCloseTo(await one(last(`kafka_network_requestmetrics_totaltimems{request="FetchConsumer",quantile="0.99",${node}}`)), 2);
      expect(b.requestQueueP99Ms).toBeCloseTo(await one(last(`kafka_network_requestmetrics_requestqueuetimems{request="Produce",quantile="0.99",${node}}`)), 2);
      expect(b.networkIdlePct).toBeCloseTo(Math.min(100, 100 * (await one(last(`kafka_network_socketserver_networkprocessoravgidlepercent{${node}}`)))), 2);
      // Kafka 4 reports the broker pool's idle on its own; 3.x only the aggregate (clamped to 100 %).
      const idle = await one(
        `100 * (rate(kafka_server_kafkarequesthandlerpool_brokerrequesthandleravgidlepercent_count_total{${node}}[${w}]) or rate(kafka_server_kafkarequesthandlerpool_requesthandleravgidlepercent_count_total{${node}}[${w}])) / 1e9`,
      );
      // over 110 %: a Kafka 3.x combined node's meter counting both pools, which Ripcord does not use
      if (idle > 110) expect(b.requestIdlePct).toBeNull();
      else expect(b.requestIdlePct).toBeCloseTo(Math.min(100, Math.max(0, idle)), 2);
      expect(b.bytesInPerSec).toBeCloseTo(await one(`rate(kafka_server_brokertopicmetrics_bytesin_total{topic="",${node}}[${w}])`), 2);
    }
  });

  it("Prometheus not answering (SIGSTOP), then stopped: the CLI says so within its timeout and prints the Kafka evidence anyway", async () => {
    prometheus.pause();
    try {
      const run = evidence(["--brokers", brokers().join(","), "--topic", topic, "--window", "1", "--json"], { PROMETHEUS_URL: prometheus.url, PROMETHEUS_TIMEOUT_MS: "1000" });
      expect(run.status).toBe(0);
      expect(run.stderr.trim().split("\n")).toEqual([`evidence: broker metrics unavailable: Prometheus at ${prometheus.url} did not answer within 1000 ms`]);
      const bundle = JSON.parse(run.stdout) as Bundle;
      expect(bundle.topics.map((t) => t.name)).toEqual([topic]);
      expect(bundle.metrics).toMatchObject({ source: "prometheus", at: null, brokers: [], error: `Prometheus at ${prometheus.url} did not answer within 1000 ms` });
      expect(bundle.warnings).toContain(`broker metrics unavailable: Prometheus at ${prometheus.url} did not answer within 1000 ms`);
    } finally {
      prometheus.resume();
    }

    await prometheus.stop();
    const run = evidence(["--brokers", brokers().join(","), "--topic", topic, "--window", "1"], { PROMETHEUS_URL: prometheus.url });
    expect(run.status).toBe(0);
    expect(run.stderr.trim()).toBe(`evidence: broker metrics unavailable: Prometheus at ${prometheus.url} is unreachable (connection refused)`);
    expect(run.stdout).toContain(`## Broker metrics`);
    expect(run.stdout).toContain(`**Unavailable now:** Prometheus at ${prometheus.url} is unreachable (connection refused).`);
    expect(run.stdout).toContain(`### ${topic}`);
  });

  it("a bad PROMETHEUS_* variable: exit 2 and one line naming it", () => {
    const run = evidence(["--brokers", brokers()[0]!], { PROMETHEUS_URL: "http://127.0.0.1:1", PROMETHEUS_SELECTOR: "job=kafka" });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('evidence: PROMETHEUS_SELECTOR: must be label matchers such as job="kafka",cluster="eu1"\n');
  });
});
