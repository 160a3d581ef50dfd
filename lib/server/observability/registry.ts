/**
 * Ripcord's own metrics, so the tool that watches Kafka during an incident can itself be watched:
 * counters, gauges and histograms kept in this process (on globalThis, so the start-up hook and
 * the route bundles share them), rendered in the Prometheus text exposition format by
 * render-exposition.ts. Names follow Prometheus conventions: `ripcord_` prefix, base units
 * (seconds), `_total` counters.
 *
 * No `import "server-only"`: the Prometheus client (used by the evidence CLI too) records here.
 */
export type MetricType = "counter" | "gauge" | "histogram";

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  /** label values joined by \u0000 → value (counter, gauge) or histogram state. */
  series: Map<string, number | HistogramState>;
  labelNames: readonly string[];
  buckets?: readonly number[];
}

export interface HistogramState {
  counts: number[];
  sum: number;
  count: number;
}

const KEY = Symbol.for("ripcord.observability.registry");
const holder = globalThis as typeof globalThis & { [KEY]?: Map<string, MetricFamily> };

function families(): Map<string, MetricFamily> {
  holder[KEY] ??= new Map();
  return holder[KEY];
}

function family(name: string, help: string, type: MetricType, labelNames: readonly string[], buckets?: readonly number[]): MetricFamily {
  const all = families();
  let f = all.get(name);
  if (!f) {
    f = { name, help, type, labelNames, series: new Map(), buckets };
    all.set(name, f);
  }
  return f;
}

const keyOf = (f: MetricFamily, labels: Record<string, string>) => f.labelNames.map((l) => labels[l] ?? "").join("\u0000");

export function counter(name: string, help: string, labelNames: readonly string[]) {
  const f = family(name, help, "counter", labelNames);
  return {
    inc(labels: Record<string, string> = {}, by = 1) {
      const k = keyOf(f, labels);
      f.series.set(k, ((f.series.get(k) as number | undefined) ?? 0) + by);
    },
  };
}

export function gauge(name: string, help: string, labelNames: readonly string[]) {
  const f = family(name, help, "gauge", labelNames);
  return {
    set(labels: Record<string, string>, value: number) {
      f.series.set(keyOf(f, labels), value);
    },
    add(labels: Record<string, string>, by: number) {
      const k = keyOf(f, labels);
      f.series.set(k, ((f.series.get(k) as number | undefined) ?? 0) + by);
    },
  };
}

/** Seconds buckets from 5 ms to 30 s: a Kafka collection, a write, a Prometheus query. */
export const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

export function histogram(name: string, help: string, labelNames: readonly string[], buckets: readonly number[] = SECONDS_BUCKETS) {
  const f = family(name, help, "histogram", labelNames, buckets);
  return {
    observe(labels: Record<string, string>, value: number) {
      const k = keyOf(f, labels);
      let h = f.series.get(k) as HistogramState | undefined;
      if (!h) f.series.set(k, (h = { counts: buckets.map(() => 0), sum: 0, count: 0 }));
      buckets.forEach((b, i) => {
        if (value <= b) h!.counts[i]!++;
      });
      h.sum += value;
      h.count++;
    },
  };
}

export function allFamilies(): MetricFamily[] {
  return [...families().values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Tests start from no series (the families stay: the recorders below hold them). */
export function resetMetricsForTests(): void {
  for (const f of families().values()) f.series.clear();
}

// The metrics themselves, declared once here so every recorder and the endpoint agree on them.

const prometheusRequests = counter("ripcord_prometheus_requests_total", "HTTP API requests Ripcord sent to Prometheus, by API path and outcome (ok or the error code).", ["path", "outcome"]);
const prometheusSeconds = histogram("ripcord_prometheus_request_duration_seconds", "Duration of Ripcord's requests to Prometheus.", ["path"]);

export function recordPrometheusRequest(o: { path: string; ok: boolean; code: string | null; durationMs: number }): void {
  prometheusRequests.inc({ path: o.path, outcome: o.ok ? "ok" : (o.code ?? "error") });
  prometheusSeconds.observe({ path: o.path }, o.durationMs / 1000);
}

const samplerSeconds = histogram("ripcord_sampler_duration_seconds", "Duration of one evidence sample (Kafka collection), per cluster.", ["cluster"]);
const samplerSamples = counter("ripcord_sampler_samples_total", "Evidence samples attempted, per cluster and outcome (ok or the Kafka error code).", ["cluster", "outcome"]);

export function recordSample(cluster: string, outcome: string, durationMs: number): void {
  samplerSamples.inc({ cluster, outcome });
  samplerSeconds.observe({ cluster }, durationMs / 1000);
}

const kafkaErrors = counter("ripcord_kafka_request_errors_total", "Failed Kafka collections of the evidence sampler, per cluster and error code.", ["cluster", "code"]);

export function recordKafkaError(cluster: string, code: string): void {
  kafkaErrors.inc({ cluster, code });
}

const sseListeners = gauge("ripcord_sse_listeners", "Browsers following a live stream (Server-Sent Events) right now, per stream.", ["stream"]);

export function recordSseListeners(stream: string, delta: number): void {
  sseListeners.add({ stream }, delta);
}

const writeSeconds = histogram("ripcord_incident_write_duration_seconds", "Duration of appending one entry to an incident log through appendEntry, from the call to the durable commit (acknowledgement), per outcome; entries written inside a caller's transaction (opening an incident, alert intake) are not timed here.", ["outcome"]);

export function recordWrite(outcome: "ok" | "error", durationMs: number): void {
  writeSeconds.observe({ outcome }, durationMs / 1000);
}
