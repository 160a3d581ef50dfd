import { describe, expect, it } from "vitest";
import { CAPTURED } from "@/lib/domain/__fixtures__";
import { failedReading } from "@/lib/domain/broker-metrics/reading";
import type { BrokerMetricKey, BrokerMetricsReading } from "@/lib/domain/broker-metrics/types";
import { computeSignals } from "@/lib/domain/evidence/signals";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { buildOutline } from "@/lib/domain/diagnosis-marks/outline";
import { mergeDiagnoses } from "@/lib/domain/diagnosis-marks/merge";
import { NOT_VISIBLE } from "./checks-broker-metrics";
import { clusterNeedsDiagnosis, diagnose } from "./rank";
import { leafById } from "./tree";
import type { Scope } from "./types";

/**
 * Broker metric checks on readings built from a captured one (the healthy capture with broker
 * metrics, lib/domain/__fixtures__/healthy-metrics.json): every figure set per sample, so each
 * verdict kind can be shown — including those no capture on this harness shows
 * (checks-captured.test.ts, HAND_BUILT).
 */
const base = CAPTURED.find((f) => f.id === "healthy-metrics")!.history;
const scope: Scope = { kind: "topic", name: "drill-healthy-orders" };
const cluster: Scope = { kind: "cluster", name: "drill-cluster" };

type Figures = Partial<Record<BrokerMetricKey, number | null>>;

/** The captured history with every reading's figures for broker 1 replaced: `early` before the last third, `late` after. */
function withFigures(early: Figures, late: Figures, history: ClusterSnapshot[] = base): ClusterSnapshot[] {
  const n = history.length;
  return history.map((s, i) => {
    const r = s.brokerMetrics as BrokerMetricsReading;
    const figures = i >= Math.ceil((2 * n) / 3) ? late : early;
    return { ...s, brokerMetrics: { ...r, brokers: r.brokers.map((b) => ({ ...b, ...figures })) } };
  });
}

const verdicts = (history: ClusterSnapshot[], s: Scope = scope) => diagnose(computeSignals(history), { scope: s }).verdicts;
const of = (history: ClusterSnapshot[], checkId: string, s: Scope = scope) => verdicts(history, s).filter((v) => v.checkId === checkId);

const calm: Figures = { produceP99Ms: 3, requestQueueP99Ms: 0.5, produceLocalP99Ms: 1, logFlushP99Ms: 4, requestIdlePct: 97, networkIdlePct: 99, produceThrottleMs: 0 };

describe("broker metric checks (hand-built from a captured reading)", () => {
  it("calm brokers rule out overload and storage pressure, quoting the figures", () => {
    const h = withFigures(calm, calm);
    expect(of(h, "broker.request-latency")).toEqual([
      expect.objectContaining({ verdict: "contradicted", weight: 0.6, reason: "request latency at its baseline on broker 1: highest produce p99 3 ms (baseline 3 ms) and request queue p99 0.5 ms on broker 1" }),
    ]);
    expect(of(h, "broker.append-latency")).toEqual([
      expect.objectContaining({ verdict: "contradicted", weight: 0.5, reason: "log append latency at its baseline on broker 1: highest produce local p99 1 ms (baseline 1 ms) on broker 1" }),
    ]);
    expect(diagnose(computeSignals(h), { scope }).ruledOut.map((r) => r.id)).toEqual(expect.arrayContaining(["broker.overload", "broker.storage-pressure"]));
  });

  it("a slow log append with idle threads supports storage pressure; with saturated threads it is overload's", () => {
    const slow = withFigures(calm, { ...calm, produceP99Ms: 120, produceLocalP99Ms: 110 });
    expect(of(slow, "broker.append-latency")).toEqual([
      expect.objectContaining({ verdict: "supported", weight: 0.5, reason: "broker 1: produce local (log append) p99 110 ms vs 1 ms baseline (110x): the time goes into writing the log, not into waiting for a thread" }),
    ]);
    // the time is spent writing, not queueing: overload is not the first explanation
    expect(diagnose(computeSignals(slow), { scope }).causes[0]?.id).toBe("broker.storage-pressure");

    const saturated = withFigures(calm, { ...calm, produceP99Ms: 400, requestQueueP99Ms: 300, produceLocalP99Ms: 110, requestIdlePct: 2 });
    expect(of(saturated, "broker.append-latency")[0]).toMatchObject({ verdict: "unknown", reason: expect.stringMatching(/I\/O threads are 2% idle: saturated threads slow every stage \(overload\)/) });
    expect(diagnose(computeSignals(saturated), { scope }).causes.map((c) => c.id)).toEqual(["broker.overload"]);
  });

  it("a slow log flush supports storage pressure", () => {
    const h = withFigures(calm, { ...calm, logFlushP99Ms: 450 });
    expect(of(h, "broker.append-latency")[0]).toMatchObject({ verdict: "supported", weight: 0.6, reason: "broker 1: log flush p99 450 ms vs 4 ms baseline: the disk is slow to persist" });
  });

  it("overload without a baseline: saturation alone still speaks, latency says it has no baseline", () => {
    const late = { ...calm, requestIdlePct: 5, produceP99Ms: 900 };
    const short = withFigures(late, late, base.slice(-1));
    expect(of(short, "broker.handler-idle")[0]).toMatchObject({ verdict: "supported", weight: 0.7, reason: "broker 1: request handler (I/O) threads 5% idle: saturated" });
    expect(of(short, "broker.request-latency")[0]).toMatchObject({ verdict: "unknown", reason: expect.stringMatching(/^request latency has no baseline yet on broker 1/) });
  });

  it("a group or topic scope looks at the brokers holding its replicas only", () => {
    // broker 1 holds every replica of the scoped topic: an overloaded broker 7 elsewhere is not in scope
    const h = base.map((s) => {
      const r = s.brokerMetrics as BrokerMetricsReading;
      return { ...s, brokerMetrics: { ...r, brokers: [...r.brokers, { ...r.brokers[0]!, nodeId: 7, requestIdlePct: 1 }] } };
    });
    expect(of(h, "broker.handler-idle")[0]?.verdict).toBe("contradicted");
    expect(of(h, "broker.handler-idle", cluster)[0]).toMatchObject({ verdict: "supported", reason: expect.stringMatching(/^broker 7: request handler \(I\/O\) threads 1% idle/) });
    expect(clusterNeedsDiagnosis(computeSignals(h))).toBe(true);
    expect(clusterNeedsDiagnosis(computeSignals(base))).toBe(false);
  });

  it("a Prometheus without request metrics (Strimzi's default config) says what is not exported", () => {
    const h = base.map((s) => {
      const r = s.brokerMetrics as BrokerMetricsReading;
      const dropped = new Set(["produceP99Ms", "fetchP99Ms", "requestQueueP99Ms", "produceLocalP99Ms", "produceRemoteP99Ms", "logFlushP99Ms"]);
      return { ...s, brokerMetrics: { ...r, metrics: r.metrics.map((m) => (dropped.has(m.key) ? { ...m, state: "not-exported" as const, via: null } : m)), brokers: r.brokers.map((b) => ({ ...b, produceP99Ms: null, requestQueueP99Ms: null, produceLocalP99Ms: null, logFlushP99Ms: null })) } };
    });
    expect(of(h, "broker.request-latency")[0]).toMatchObject({ verdict: "unknown", reason: expect.stringMatching(/^request latency not exported by this Prometheus: the exporter drops kafka\.network:type=RequestMetrics \(Strimzi's default config does\)/) });
    expect(of(h, "broker.append-latency")[0]).toMatchObject({ verdict: "unknown", reason: expect.stringMatching(/^log append latency not exported/) });
    // what is exported still speaks
    expect(of(h, "broker.handler-idle")[0]?.verdict).toBe("contradicted");
  });

  it("Prometheus unavailable: never answered → 'broker metrics not visible right now'; stopped mid-window → figures from the last answer, said so", () => {
    const never = base.map((s) => ({ ...s, brokerMetrics: failedReading(s.takenAt, "http://prometheus:9090", "PROMETHEUS_UNREACHABLE", "Prometheus at http://prometheus:9090 is unreachable (connection refused)", 1) }));
    expect(of(never, "broker.request-latency")[0]).toMatchObject({ verdict: "unknown", reason: "broker metrics not visible right now: Prometheus at http://prometheus:9090 is unreachable (connection refused)" });
    const stopped = [...base.slice(0, -1), { ...base[base.length - 1]!, brokerMetrics: failedReading(base[base.length - 1]!.takenAt, "http://prometheus:9090", "PROMETHEUS_TIMEOUT", "Prometheus at http://prometheus:9090 did not answer within 2000 ms", 2000) }];
    const note = / \(Prometheus unavailable \(Prometheus at http:\/\/prometheus:9090 did not answer within 2000 ms\): figures from its last answer at \d\d:\d\d:\d\d UTC, \d+ s before the newest sample\)$/;
    // every broker verdict says it, whichever way it judges
    for (const check of ["broker.handler-idle", "broker.request-latency", "broker.append-latency", "producer.throttle-time"]) expect(of(stopped, check)[0]?.reason, check).toMatch(note);
  });

  it("without Prometheus the tree's broker leaves say what is not visible and how to make it visible, once per leaf", () => {
    const plain = CAPTURED.find((f) => f.id === "healthy")!;
    const signals = computeSignals(plain.history);
    const merged = mergeDiagnoses([diagnose(signals, { scope: plain.scope }), diagnose(signals, { scope: cluster })]);
    const outline = buildOutline(merged);
    for (const id of ["broker.overload", "broker.storage-pressure"]) {
      const node = outline.byId.get(id);
      expect(node?.kind).toBe("leaf");
      if (node?.kind !== "leaf") continue;
      expect(node.reasons.filter((r) => r.startsWith(NOT_VISIBLE))).toHaveLength(1);
      expect(node.reasons.join(" ")).toContain("npm run metrics:up");
      expect(leafById(id)?.automatic).toBe(true);
    }
  });
});
