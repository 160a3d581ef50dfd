/**
 * Broker metric checks (Prometheus, lib/domain/broker-metrics): the half of seed 000's evidence
 * bundle Kafka's admin API cannot see. Each figure is judged against its own baseline (the
 * median of the earlier readings) and, for thread idle %, against saturation, naming the broker:
 *
 * - broker.request-latency → broker.overload: produce / fetch p99 and the produce request queue
 *   time far above their baseline (requests waiting for an I/O thread).
 * - broker.handler-idle → broker.overload: request handler (I/O) or network threads near 0% idle.
 * - broker.append-latency → broker.storage-pressure: the log append (produce local time) or
 *   log flush latency far above baseline while the I/O threads are not saturated (saturated
 *   threads make every stage slow: that is overload's signature, not the disk's).
 * - producer.throttle-time → producer.throttled: brokers delaying producers for their quota.
 *
 * Without broker metrics each says what is not visible and how to make it visible; a
 * Prometheus that does not answer, or does not export a figure, is said as such.
 * Scope: a group's or topic's diagnosis looks at the brokers holding its partitions.
 */
import { metricDef } from "@/lib/domain/broker-metrics/catalog";
import { NO_BROKER_METRICS, type BrokerMetricSignal, type BrokerMetricSignals, type MetricTrend } from "@/lib/domain/broker-metrics/signals";
import type { BrokerMetricKey } from "@/lib/domain/broker-metrics/types";
import type { EvidenceSignals } from "@/lib/domain/evidence/signal-types";
import type { Verdict } from "./types";
import { dur, r1, v, type CheckContext } from "./check-kit";
import { utcClock } from "@/lib/domain/metrics/durations";

export const LATENCY_RATIO = 3;
/** a p99 must also rise by this much (ms): 1 → 4 ms is 4x and nothing. */
export const PRODUCE_RISE_MS = 20;
/** consumer fetches long-poll (fetch.max.wait.ms): only a large rise means the broker is slow. */
export const FETCH_RISE_MS = 200;
export const QUEUE_RISE_MS = 10;
/** latency this high is not called normal even when it did not change in the window. */
export const LATENCY_HIGH_MS = 100;
export const QUEUE_HIGH_MS = 20;
export const APPEND_HIGH_MS = 50;
export const IDLE_SATURATED_PCT = 20;
export const IDLE_LOW_PCT = 40;
export const IDLE_OK_PCT = 50;
export const FLUSH_HIGH_MS = 100;
export const THROTTLE_MS = 10;

/** The exact words the tree shows on a broker leaf when no Prometheus is configured. */
export const NOT_VISIBLE = "broker metrics not visible: Ripcord reads this from Prometheus (PROMETHEUS_URL)";

const ms = (n: number) => (n >= 100 ? `${Math.round(n)} ms` : `${r1(n)} ms`);
const pctOf = (n: number) => `${Math.round(n)}%`;

function metricsOf(ctx: CheckContext): BrokerMetricSignals {
  return ctx.signals.brokerMetrics ?? NO_BROKER_METRICS;
}

/** The brokers a scope depends on: every broker for the cluster, else those holding its partitions' replicas. */
function brokersInScope(ctx: CheckContext, m: BrokerMetricSignals): BrokerMetricSignal[] {
  if (ctx.scope.kind === "cluster") return m.brokers;
  const ids = new Set(ctx.topics.flatMap((t) => t.partitions.flatMap((p) => [p.leader, ...p.replicas])));
  const mine = m.brokers.filter((b) => ids.has(b.nodeId));
  return mine.length > 0 || ids.size > 0 ? mine : m.brokers;
}

const exported = (m: BrokerMetricSignals, key: BrokerMetricKey) => m.availability.find((a) => a.key === key)?.state === "ok";

interface Rise {
  nodeId: number;
  key: BrokerMetricKey;
  recent: number;
  baseline: number;
  ratio: number;
}

function rise(b: BrokerMetricSignal, key: BrokerMetricKey, minRiseMs: number): Rise | null {
  const t: MetricTrend = b.metrics[key];
  if (t.recent === null || t.baseline === null) return null;
  if (t.recent - t.baseline < minRiseMs || t.recent < LATENCY_RATIO * t.baseline) return null;
  return { nodeId: b.nodeId, key, recent: t.recent, baseline: t.baseline, ratio: t.baseline > 0 ? t.recent / t.baseline : Infinity };
}

const riseText = (r: Rise) =>
  `${metricDef(r.key).title} ${ms(r.recent)} vs ${ms(r.baseline)} baseline${Number.isFinite(r.ratio) ? ` (${r1(r.ratio)}x)` : ""}`;

const brokerList = (xs: readonly BrokerMetricSignal[]) => (xs.length === 1 ? `broker ${xs[0]!.nodeId}` : `brokers ${xs.map((b) => b.nodeId).join(", ")}`);

/** Verdicts that say why broker metrics cannot judge, for each broker metric check; [] when they can. */
function notJudgeable(m: BrokerMetricSignals): Verdict[] {
  const all = (reason: string): Verdict[] => [
    v("broker.request-latency", "broker.overload", "unknown", 0, reason),
    v("broker.append-latency", "broker.storage-pressure", "unknown", 0, reason),
    v("producer.throttle-time", "producer.throttled", "unknown", 0, reason),
  ];
  if (m.source === "none") {
    return all(`${NOT_VISIBLE}: set it to a Prometheus that scrapes the brokers' JMX exporter (locally: npm run metrics:up) to see produce / fetch p99, request queue time, thread idle % and throttle time per broker`);
  }
  if (m.readings === 0) return all(`broker metrics not visible right now: ${m.error ?? "Prometheus has not answered yet"}`);
  return [];
}

function saturation(b: BrokerMetricSignal): { key: BrokerMetricKey; recent: number; baseline: number | null; saturated: boolean } | null {
  let worst: { key: BrokerMetricKey; recent: number; baseline: number | null; saturated: boolean } | null = null;
  for (const key of ["requestIdlePct", "networkIdlePct"] as const) {
    const t = b.metrics[key];
    if (t.recent === null) continue;
    const saturated = t.recent <= IDLE_SATURATED_PCT;
    const low = t.recent <= IDLE_LOW_PCT && (t.baseline === null || t.recent <= t.baseline / 2);
    if ((saturated || low) && (!worst || t.recent < worst.recent)) worst = { key, recent: t.recent, baseline: t.baseline, saturated };
  }
  return worst;
}

function overloadChecks(m: BrokerMetricSignals, brokers: BrokerMetricSignal[]): Verdict[] {
  const out: Verdict[] = [];
  // Request latency against its own baseline.
  const rises = brokers.map((b) => ({ b, latency: rise(b, "produceP99Ms", PRODUCE_RISE_MS) ?? rise(b, "fetchP99Ms", FETCH_RISE_MS), queue: rise(b, "requestQueueP99Ms", QUEUE_RISE_MS) }));
  const hit = rises.filter((x) => x.latency || x.queue).sort((a, b) => (b.queue?.ratio ?? 0) + (b.latency?.ratio ?? 0) - ((a.queue?.ratio ?? 0) + (a.latency?.ratio ?? 0)) || a.b.nodeId - b.b.nodeId)[0];
  if (!exported(m, "produceP99Ms") && !exported(m, "requestQueueP99Ms")) {
    out.push(v("broker.request-latency", "broker.overload", "unknown", 0, `request latency not exported by this Prometheus: ${metricDef("produceP99Ms").missing}`));
  } else if (hit) {
    const parts = [hit.latency, hit.queue].filter((x): x is Rise => x !== null && x !== undefined).map(riseText);
    const w = hit.latency && hit.queue ? 0.6 : hit.queue ? 0.55 : 0.45;
    const others = rises.filter((x) => x !== hit && (x.latency || x.queue)).map((x) => x.b.nodeId);
    out.push(v("broker.request-latency", "broker.overload", "supported", w, `broker ${hit.b.nodeId}: ${parts.join("; ")}${hit.queue ? " (requests wait for an I/O thread)" : ""}${others.length ? `; also brokers ${others.join(", ")}` : ""}`));
  } else if (brokers.length > 0 && brokers.every((b) => b.metrics.produceP99Ms.baseline !== null || b.metrics.requestQueueP99Ms.baseline !== null)) {
    const worst = [...brokers].sort((a, b) => (b.metrics.produceP99Ms.recent ?? 0) - (a.metrics.produceP99Ms.recent ?? 0))[0]!;
    const p = worst.metrics.produceP99Ms;
    const q = worst.metrics.requestQueueP99Ms;
    const figures = `highest produce p99 ${p.recent === null ? "?" : ms(p.recent)} (baseline ${p.baseline === null ? "?" : ms(p.baseline)}) and request queue p99 ${q.recent === null ? "?" : ms(q.recent)} on broker ${worst.nodeId}`;
    // The brokers' percentiles decay over minutes: a high p99 that was already high at the start of
    // the window is no change in it, but it is not "normal" either.
    if ((p.recent ?? 0) < LATENCY_HIGH_MS && (q.recent ?? 0) < QUEUE_HIGH_MS) {
      out.push(v("broker.request-latency", "broker.overload", "contradicted", 0.6, `request latency at its baseline on ${brokerList(brokers)}: ${figures}`));
    } else {
      out.push(v("broker.request-latency", "broker.overload", "unknown", 0, `request latency high but already as high at the start of the window: ${figures}`));
    }
  } else if (brokers.length > 0) {
    out.push(v("broker.request-latency", "broker.overload", "unknown", 0, `request latency has no baseline yet on ${brokerList(brokers)} (${m.readings} reading(s) so far)`));
  }
  // Thread idle %: saturation needs no baseline.
  const sat = brokers.map((b) => ({ b, s: saturation(b) })).filter((x) => x.s !== null).sort((a, b) => a.s!.recent - b.s!.recent || a.b.nodeId - b.b.nodeId)[0];
  const what = (key: BrokerMetricKey) => (key === "requestIdlePct" ? "request handler (I/O) threads" : "network threads");
  if (!exported(m, "requestIdlePct") && !exported(m, "networkIdlePct")) {
    out.push(v("broker.handler-idle", "broker.overload", "unknown", 0, `thread idle % not exported by this Prometheus: ${metricDef("requestIdlePct").missing}`));
  } else if (sat?.s) {
    const base = sat.s.baseline === null ? "" : ` (baseline ${pctOf(sat.s.baseline)})`;
    out.push(v("broker.handler-idle", "broker.overload", "supported", sat.s.saturated ? 0.7 : 0.5, `broker ${sat.b.nodeId}: ${what(sat.s.key)} ${pctOf(sat.s.recent)} idle${base}${sat.s.saturated ? ": saturated" : ""}`));
  } else if (brokers.length > 0 && brokers.every((b) => b.metrics.requestIdlePct.recent !== null && b.metrics.requestIdlePct.recent >= IDLE_OK_PCT && (b.metrics.networkIdlePct.recent ?? 100) >= IDLE_OK_PCT)) {
    const lowest = [...brokers].sort((a, b) => (a.metrics.requestIdlePct.recent ?? 100) - (b.metrics.requestIdlePct.recent ?? 100))[0]!;
    out.push(v("broker.handler-idle", "broker.overload", "contradicted", 0.5, `threads mostly idle on ${brokerList(brokers)}: request handlers ${pctOf(lowest.metrics.requestIdlePct.recent ?? 100)} idle on broker ${lowest.nodeId} (the busiest)`));
  }
  return out;
}

function storageChecks(m: BrokerMetricSignals, brokers: BrokerMetricSignal[]): Verdict[] {
  if (!exported(m, "produceLocalP99Ms") && !exported(m, "logFlushP99Ms")) {
    return [v("broker.append-latency", "broker.storage-pressure", "unknown", 0, `log append latency not exported by this Prometheus: ${metricDef("produceLocalP99Ms").missing}`)];
  }
  for (const b of brokers) {
    const flush = b.metrics.logFlushP99Ms;
    if (flush.recent !== null && flush.recent >= FLUSH_HIGH_MS && (flush.baseline === null || flush.recent >= LATENCY_RATIO * flush.baseline)) {
      return [v("broker.append-latency", "broker.storage-pressure", "supported", 0.6, `broker ${b.nodeId}: log flush p99 ${ms(flush.recent)}${flush.baseline === null ? "" : ` vs ${ms(flush.baseline)} baseline`}: the disk is slow to persist`)];
    }
  }
  const slow = brokers.map((b) => ({ b, r: rise(b, "produceLocalP99Ms", PRODUCE_RISE_MS) })).filter((x) => x.r !== null);
  const first = slow[0];
  if (first?.r) {
    const sat = saturation(first.b);
    if (sat?.saturated) {
      return [v("broker.append-latency", "broker.storage-pressure", "unknown", 0, `broker ${first.b.nodeId}: ${riseText(first.r)}, but its ${sat.key === "requestIdlePct" ? "I/O" : "network"} threads are ${pctOf(sat.recent)} idle: saturated threads slow every stage (overload), not only the disk write`)];
    }
    const queue = rise(first.b, "requestQueueP99Ms", QUEUE_RISE_MS);
    if (queue && queue.ratio > first.r.ratio) {
      return [v("broker.append-latency", "broker.storage-pressure", "unknown", 0, `broker ${first.b.nodeId}: ${riseText(first.r)}, but ${riseText(queue)}: requests wait longer for a thread than they take to write (overload), not only the disk`)];
    }
    return [v("broker.append-latency", "broker.storage-pressure", "supported", 0.5, `broker ${first.b.nodeId}: ${riseText(first.r)}: the time goes into writing the log, not into waiting for a thread`)];
  }
  const judged = brokers.filter((b) => b.metrics.produceLocalP99Ms.baseline !== null);
  if (judged.length > 0 && judged.length === brokers.length) {
    const worst = [...judged].sort((a, b) => (b.metrics.produceLocalP99Ms.recent ?? 0) - (a.metrics.produceLocalP99Ms.recent ?? 0))[0]!;
    const t = worst.metrics.produceLocalP99Ms;
    const figures = `highest produce local p99 ${ms(t.recent ?? 0)} (baseline ${ms(t.baseline ?? 0)}) on broker ${worst.nodeId}`;
    if ((t.recent ?? 0) >= APPEND_HIGH_MS) return [v("broker.append-latency", "broker.storage-pressure", "unknown", 0, `log append latency high but already as high at the start of the window: ${figures}`)];
    return [v("broker.append-latency", "broker.storage-pressure", "contradicted", 0.5, `log append latency at its baseline on ${brokerList(brokers)}: ${figures}`)];
  }
  return [];
}

function throttleChecks(m: BrokerMetricSignals, brokers: BrokerMetricSignal[]): Verdict[] {
  if (!exported(m, "produceThrottleMs")) {
    return [v("producer.throttle-time", "producer.throttled", "unknown", 0, `produce throttle time not exported by this Prometheus: ${metricDef("produceThrottleMs").missing}`)];
  }
  const throttling = brokers.filter((b) => (b.metrics.produceThrottleMs.recent ?? 0) >= THROTTLE_MS).sort((a, b) => (b.metrics.produceThrottleMs.recent ?? 0) - (a.metrics.produceThrottleMs.recent ?? 0));
  const top = throttling[0];
  if (top) {
    const t = top.metrics.produceThrottleMs;
    return [v("producer.throttle-time", "producer.throttled", "supported", 0.8, `broker ${top.nodeId} throttles producers for their quota: produce throttle time ${ms(t.recent ?? 0)}${t.baseline !== null ? ` (baseline ${ms(t.baseline)})` : ""}${throttling.length > 1 ? `; ${throttling.length - 1} more broker(s) throttle` : ""}`)];
  }
  if (brokers.length > 0 && brokers.every((b) => b.metrics.produceThrottleMs.recent !== null)) {
    // weak: it rules out a Kafka quota, not a producer slowed upstream (001 S15)
    return [v("producer.throttle-time", "producer.throttled", "contradicted", 0.2, `no broker throttles producers: produce throttle time under ${THROTTLE_MS} ms on ${brokerList(brokers)} (a quota is not the cause; upstream may still be)`)];
  }
  return [];
}

const clock = (ms: number) => `${utcClock(ms)} UTC`;

/**
 * What every broker verdict adds while Prometheus does not answer: its figures are the last
 * answer's, and how old that answer is (the Kafka evidence beside it is current).
 */
export function unavailableNote(m: BrokerMetricSignals): string | null {
  if (m.state !== "unavailable" || m.lastReadingAt === null) return null;
  const age = m.lastAttemptAt === null ? null : (m.lastAttemptAt - m.lastReadingAt) / 1000;
  return `Prometheus unavailable (${m.error}): figures from its last answer at ${clock(m.lastReadingAt)}${age === null ? "" : `, ${dur(age)} before the newest sample`}`;
}

/** Every broker metric check for the scope (wired into runChecks, checks.ts). */
export function brokerMetricChecks(ctx: CheckContext): Verdict[] {
  const m = metricsOf(ctx);
  const blind = notJudgeable(m);
  if (blind.length > 0) return blind;
  const brokers = brokersInScope(ctx, m);
  const verdicts = [...overloadChecks(m, brokers), ...storageChecks(m, brokers), ...throttleChecks(m, brokers)];
  const note = unavailableNote(m);
  return note === null ? verdicts : verdicts.map((x) => ({ ...x, reason: `${x.reason} (${note})` }));
}

/** true when broker metrics alone show trouble worth a cluster-scope diagnosis. */
export function brokerMetricsTrouble(signals: EvidenceSignals, ctx: CheckContext): boolean {
  if (!signals.brokerMetrics || signals.brokerMetrics.readings === 0) return false;
  return brokerMetricChecks(ctx).some((x) => x.verdict === "supported" && x.weight >= 0.5);
}
