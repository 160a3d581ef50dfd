import path from "node:path";
import { portOf } from "../../../scripts/lib/ports.mjs";
import { localTargets, prometheusSettings, runningPrometheus, startPrometheus, stopPrometheus, waitForTargetsUp } from "../../../scripts/prometheus/local-prometheus.mjs";

/**
 * A real Prometheus (Debian's binary) of one test file, scraping the run's brokers every 2 s
 * on its own port and folder (`name`, port `base` + RIPCORD_PORT_OFFSET). Tests stop, pause
 * (SIGSTOP: a Prometheus that accepts connections and answers nothing) and resume it.
 */
export interface TestPrometheus {
  url: string;
  /** rate window to give Ripcord for a 2 s scrape interval (five scrapes) */
  rateWindow: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  pause(): void;
  resume(): void;
}

export function testPrometheus(name: string, base: number, brokers = process.env.KAFKA_BROKERS ?? ""): TestPrometheus {
  const settings = prometheusSettings({
    ...process.env,
    PROMETHEUS_PORT: String(portOf(`PROMETHEUS_${name.toUpperCase().replace(/\W/g, "_")}_PORT`, base)),
    PROMETHEUS_HOME_DIR: path.resolve("data", "test", `prometheus-${name}`),
    // 2 s: two test files may scrape the same broker at once, and a scrape of a loaded broker can
    // take over a second (a missed scrape leaves a gap the queries' last_over_time bridges).
    PROMETHEUS_SCRAPE_INTERVAL: "2s",
  });
  const url = `http://127.0.0.1:${settings.port}`;
  const signal = (s: NodeJS.Signals) => {
    const pid = runningPrometheus(settings)?.pid;
    if (pid) process.kill(pid, s);
  };
  return {
    url,
    rateWindow: "10s",
    async start() {
      await startPrometheus(settings, localTargets(brokers), () => {});
      await waitForTargetsUp(url, brokers.split(",").length);
    },
    async stop() {
      signal("SIGCONT");
      await stopPrometheus(settings, { clean: true }, () => {});
    },
    pause: () => signal("SIGSTOP"),
    resume: () => signal("SIGCONT"),
  };
}

/** An instant query's vector at `atMs`, straight from Prometheus's HTTP API. */
export async function promql(url: string, expr: string, atMs: number): Promise<{ metric: Record<string, string>; value: number }[]> {
  const res = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: expr, time: (atMs / 1000).toFixed(3) })}`);
  const body = (await res.json()) as { status: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  if (body.status !== "success") throw new Error(`PromQL ${expr} failed: ${JSON.stringify(body)}`);
  return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}
