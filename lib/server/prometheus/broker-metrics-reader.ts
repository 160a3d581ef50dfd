/**
 * Reads every catalog metric (lib/domain/broker-metrics/catalog.ts) from one Prometheus at one
 * instant — the evidence sample's time — and assembles a BrokerMetricsReading; `readRange` does
 * the same over a span with range queries (the evidence CLI's baseline before its window).
 *
 * Each metric's alternatives are tried in order until one has a series; the winner is remembered
 * for RESOLVE_TTL_MS so a steady Prometheus costs one query per metric per sample. A read never
 * rejects and never takes longer than twice the configured timeout: a Prometheus that cannot be
 * asked gives a reading with `error` set (and the sampler goes on with Kafka's evidence).
 */
import { BROKER_METRICS, TOPIC_BYTES_IN, type MetricDef } from "@/lib/domain/broker-metrics/catalog";
import type { PrometheusConfig } from "@/lib/domain/broker-metrics/config";
import { assembleReading, failedReading, queryContext, type KnownBroker, type MetricAnswer, type VectorSample } from "@/lib/domain/broker-metrics/reading";
import type { BrokerMetricsReading, MetricId } from "@/lib/domain/broker-metrics/types";
import { PrometheusClient, PrometheusError, type MatrixSeries, type RequestOutcome } from "./client";

const RESOLVE_TTL_MS = 5 * 60_000;
/** A series every broker exports in every common config: its sample timestamps are the brokers' scrape times. */
const ANCHOR = "kafka_server_brokertopicmetrics_bytesin_total";

/** A PromQL duration ("1m", "30s", "2m30s") in ms. */
export function durationMs(d: string): number {
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const m of d.matchAll(/(\d+)(ms|s|m|h)/g)) total += Number(m[1]) * (unit[m[2]!] ?? 0);
  return total;
}
const DEFS: readonly MetricDef[] = [...BROKER_METRICS, TOPIC_BYTES_IN];

/** What one instant read fetched, before it is matched to the snapshot's brokers. */
export interface RawBrokerMetrics {
  at: number;
  answers: Partial<Record<MetricId, MetricAnswer>>;
  error: PrometheusError | null;
  durationMs: number;
}

export class BrokerMetricsReader {
  readonly client: PrometheusClient;
  private readonly context;
  private readonly resolved = new Map<MetricId, { alternative: number; at: number }>();

  constructor(
    readonly config: PrometheusConfig,
    observe?: (outcome: RequestOutcome) => void,
  ) {
    this.client = new PrometheusClient(config, observe);
    this.context = queryContext({ selector: config.selector, rateWindow: config.rateWindow, brokerLabel: config.brokerLabel });
  }

  get url(): string {
    return this.client.url;
  }

  get labelNames(): readonly string[] {
    return this.context.by;
  }

  /** The PromQL of a metric's alternatives (for the reading's availability and for tests). */
  expressions(key: MetricId): string[] {
    return (DEFS.find((d) => d.key === key)?.alternatives ?? []).map((a) => a.expr(this.context));
  }

  private order(def: MetricDef, now: number): number[] {
    const all = def.alternatives.map((_, i) => i);
    const hit = this.resolved.get(def.key);
    if (!hit || now - hit.at > RESOLVE_TTL_MS) return all;
    return [hit.alternative, ...all.filter((i) => i !== hit.alternative)];
  }

  /** Tries a metric's alternatives in order; throws only when Prometheus cannot be read at all. */
  private async answer(def: MetricDef, at: number, deadline: number): Promise<MetricAnswer> {
    const order = this.order(def, Date.now());
    const first = def.alternatives[order[0] ?? 0]!.expr(this.context);
    for (const i of order) {
      const query = def.alternatives[i]!.expr(this.context);
      const left = deadline - Date.now();
      if (left <= 0) throw new PrometheusError("PROMETHEUS_TIMEOUT", `Prometheus at ${this.url} did not answer every query within ${2 * this.config.timeoutMs} ms`);
      let samples: VectorSample[];
      try {
        samples = await this.client.query(query, at, left);
      } catch (error) {
        if (error instanceof PrometheusError && error.code === "PROMETHEUS_QUERY_FAILED") return { state: "failed", query, message: error.message };
        throw error;
      }
      if (samples.length > 0) {
        this.resolved.set(def.key, { alternative: i, at: Date.now() });
        return { state: "ok", alternative: i, query, samples };
      }
    }
    this.resolved.delete(def.key);
    return { state: "not-exported", query: first };
  }

  /**
   * The evaluation time for a read wanted at `at`: the newest scrape every broker has completed.
   * A scrape is stamped with its start but lands when it ends, so asking for `at` itself could miss
   * one still in flight and give other figures than the same query asked a moment later; at the
   * newest complete scrape the figures are final. Brokers whose scrapes stopped (no sample within
   * the rate window) are not waited for.
   */
  private async evaluationTime(at: number, deadline: number): Promise<number> {
    const samples = await this.client.query(`timestamp(${ANCHOR}${this.context.selector ? `{topic="",${this.context.selector}}` : `{topic=""}`})`, at, Math.max(1, deadline - Date.now()));
    const windowMs = durationMs(this.config.rateWindow);
    const fresh = samples.flatMap((x) => (x.value !== null && x.value * 1000 >= at - windowMs && x.value * 1000 <= at ? [Math.round(x.value * 1000)] : []));
    return fresh.length ? Math.min(...fresh) : at;
  }

  /** Every metric as of `at` (epoch ms), at the newest scrape completed by then. Never rejects. */
  async fetch(wanted: number): Promise<RawBrokerMetrics> {
    const started = Date.now();
    const deadline = started + 2 * this.config.timeoutMs;
    let at = wanted;
    try {
      at = await this.evaluationTime(wanted, deadline);
      const pairs = await Promise.all(DEFS.map(async (def) => [def.key, await this.answer(def, at, deadline)] as const));
      return { at, answers: Object.fromEntries(pairs), error: null, durationMs: Date.now() - started };
    } catch (error) {
      const mapped = error instanceof PrometheusError ? error : new PrometheusError("PROMETHEUS_BAD_RESPONSE", `Prometheus at ${this.url}: ${(error as Error).message}`);
      return { at, answers: {}, error: mapped, durationMs: Date.now() - started };
    }
  }

  /** Matches a fetch to the brokers of the snapshot taken at the same time. */
  assemble(raw: RawBrokerMetrics, brokers: readonly KnownBroker[]): BrokerMetricsReading {
    if (raw.error) {
      const code = raw.error.code === "PROMETHEUS_QUERY_FAILED" ? "PROMETHEUS_BAD_RESPONSE" : raw.error.code;
      return failedReading(raw.at, this.url, code, raw.error.message, raw.durationMs);
    }
    return assembleReading({ at: raw.at, url: this.url, answers: raw.answers, brokers, labelNames: this.labelNames, durationMs: raw.durationMs });
  }

  async read(at: number, brokers: readonly KnownBroker[]): Promise<BrokerMetricsReading> {
    return this.assemble(await this.fetch(at), brokers);
  }

  /**
   * Readings every `stepMs` over [fromMs, toMs] from range queries (one per metric, through the
   * alternative an instant query at `toMs` resolves). [] when Prometheus cannot be read.
   */
  async readRange(fromMs: number, toMs: number, stepMs: number, brokers: readonly KnownBroker[]): Promise<BrokerMetricsReading[]> {
    return (await this.readRangeOrError(fromMs, toMs, stepMs, brokers)).readings;
  }

  /** readRange, with why it is empty when Prometheus could not be read (the charts say so). */
  async readRangeOrError(fromMs: number, toMs: number, stepMs: number, brokers: readonly KnownBroker[]): Promise<{ readings: BrokerMetricsReading[]; error: string | null }> {
    const started = Date.now();
    const probe = await this.fetch(toMs);
    if (probe.error) return { readings: [], error: probe.error.message };
    const deadline = started + 4 * this.config.timeoutMs;
    const series = new Map<MetricId, { answer: MetricAnswer; matrix: MatrixSeries[] }>();
    try {
      await Promise.all(
        DEFS.map(async (def) => {
          const answer = probe.answers[def.key];
          if (!answer || answer.state !== "ok") {
            if (answer) series.set(def.key, { answer, matrix: [] });
            return;
          }
          const matrix = await this.client.queryRange(answer.query, fromMs, toMs, stepMs, Math.max(1, deadline - Date.now()));
          series.set(def.key, { answer, matrix });
        }),
      );
    } catch (error) {
      return { readings: [], error: error instanceof PrometheusError ? error.message : String(error) };
    }
    const times = [...new Set([...series.values()].flatMap((s) => s.matrix.flatMap((m) => m.points.map((p) => p.at))))].sort((a, b) => a - b);
    const readings = times.map((at) => {
      const answers: Partial<Record<MetricId, MetricAnswer>> = {};
      for (const [key, { answer, matrix }] of series) {
        if (answer.state !== "ok") {
          answers[key] = answer;
          continue;
        }
        const samples = matrix.flatMap((m) => m.points.filter((p) => p.at === at).map((p) => ({ metric: m.metric, value: p.value })));
        answers[key] = samples.length ? { ...answer, samples } : { state: "not-exported", query: answer.query };
      }
      return assembleReading({ at, url: this.url, answers, brokers, labelNames: this.labelNames, durationMs: 0 });
    });
    return { readings, error: null };
  }
}
