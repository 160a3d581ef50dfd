import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exporterAddressOf } from "../../../scripts/kafka/local-kafka.mjs";
import { portOf } from "../../../scripts/lib/ports.mjs";
import { prometheusSettings, runningPrometheus, stopPrometheus, waitForTargetsUp } from "../../../scripts/prometheus/local-prometheus.mjs";

const root = path.resolve(__dirname, "../../..");
const brokers = (process.env.KAFKA_BROKERS ?? "").split(",");
const env = {
  ...process.env,
  KAFKA_PORT: brokers[0]!.split(":")[1]!,
  KAFKA_NODES: String(brokers.length),
  PROMETHEUS_PORT: String(portOf("PROMETHEUS_HARNESS_TEST_PORT", 9089)),
  PROMETHEUS_HOME_DIR: path.join(root, "data", "test", "prometheus-harness"),
  PROMETHEUS_SCRAPE_INTERVAL: "1s",
};
const settings = prometheusSettings(env);

function cli(command: string, extraEnv: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["scripts/prometheus/cli.mjs", command], { cwd: root, env: { ...env, ...extraEnv }, encoding: "utf8" });
}

async function query(url: string, expr: string) {
  const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await res.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  return body.data.result;
}

/** contracts.md §5 and issue 16: the local brokers always run the JMX exporter; metrics:up scrapes them all. */
describe("local broker metrics (JMX exporter agent, npm run metrics:up / metrics:down)", () => {
  afterAll(async () => {
    await stopPrometheus(settings, { clean: true }, () => {});
  });

  it("every local broker serves the metrics Ripcord reads on its broker port + 300", async () => {
    for (const [i, broker] of brokers.entries()) {
      const res = await fetch(`http://${exporterAddressOf(broker)}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain('kafka_network_requestmetrics_totaltimems{quantile="0.99",request="Produce"} ');
      expect(text).toContain('kafka_network_requestmetrics_requestqueuetimems{quantile="0.99",request="Produce"} ');
      expect(text).toMatch(/^kafka_server_kafkarequesthandlerpool_requesthandleravgidlepercent [0-9.E-]+$/m);
      expect(text).toMatch(/^kafka_network_socketserver_networkprocessoravgidlepercent [0-9.E-]+$/m);
      expect(text).toMatch(/^kafka_server_brokertopicmetrics_bytesin_total [0-9.E]+$/m);
      expect(text).toContain(`kafka_server_app_info_start_time_ms{node_id="${i + 1}"} `);
    }
  });

  it("without the binary: one line saying what to install, non-zero exit, nothing started", () => {
    const result = cli("up", { PROMETHEUS_BIN: "/nonexistent/prometheus" });
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split("\n")).toEqual([
      `metrics: Prometheus not found (/nonexistent/prometheus): install Debian's package with "apt-get install prometheus" (or set PROMETHEUS_BIN)`,
    ]);
    expect(runningPrometheus(settings)).toBeNull();
  });

  it("metrics:up scrapes every local broker with its node id; a second up keeps the process; metrics:down stops it", async () => {
    const first = cli("up");
    expect(first.status, first.stderr).toBe(0);
    const url = `http://127.0.0.1:${settings.port}`;
    expect(first.stdout.trim()).toBe(`PROMETHEUS_URL=${url}`);
    const pid = runningPrometheus(settings)?.pid;
    expect(pid).toBeGreaterThan(0);
    await waitForTargetsUp(url, brokers.length);

    // The target's node_id label (from the harness) agrees with the id the broker reports itself.
    let series: Awaited<ReturnType<typeof query>> = [];
    for (const deadline = Date.now() + 30_000; series.length < brokers.length && Date.now() < deadline; ) {
      series = await query(url, "kafka_server_app_info_start_time_ms");
      if (series.length < brokers.length) await new Promise((r) => setTimeout(r, 250));
    }
    expect(series.map((s) => [s.metric.node_id, s.metric.exported_node_id]).sort()).toEqual(brokers.map((_, i) => [String(i + 1), String(i + 1)]));

    const second = cli("up");
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toContain("already running");
    expect(runningPrometheus(settings)?.pid).toBe(pid);

    const stopped = cli("down");
    expect(stopped.status).toBe(0);
    expect(stopped.stderr).toContain(`stopped Prometheus on port ${settings.port}`);
    expect(runningPrometheus(settings)).toBeNull();
    await expect(fetch(`${url}/-/ready`)).rejects.toThrow();
  }, 60_000);
});
