import { describe, it, expect } from "vitest";
import { computeSignals } from "@/lib/domain/evidence/signals";
import * as S from "@/lib/domain/testing/scenarios";
import { buildHistory } from "@/lib/domain/testing/fixtures";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { diagnose } from "./rank";
import { CHECK_IDS, type CheckId } from "./tree";
import type { Scope, TimelineEvent, VerdictKind } from "./types";

const group = (name: string): Scope => ({ kind: "group", name });
const cluster: Scope = { kind: "cluster", name: "test-cluster" };

function verdictOf(history: ClusterSnapshot[], scope: Scope, checkId: CheckId, events: TimelineEvent[] = []) {
  const d = diagnose(computeSignals(history), { scope, events });
  return d.verdicts.filter((x) => x.checkId === checkId);
}

const churning = () =>
  buildHistory({
    samples: 12,
    brokers: () => [1, 2, 3],
    topics: [{ name: "t", partitions: 3, replicas: (p) => [1, 2, 3].map((_, k) => ((p + k) % 3) + 1), produce: () => 10, leader: (p, i, r) => r[(i + p) % 3] ?? 1 }],
    groups: [{ id: "g", topic: "t", consume: () => 10 }],
  });
/** `history` with, per sample i, broker 1's log dirs and the partitions' sizes (bytes) set. */
function withDisks(history: ClusterSnapshot[], dirs: (i: number) => NonNullable<ClusterSnapshot["brokers"][number]["logDirs"]>, size?: (i: number) => number): ClusterSnapshot[] {
  return history.map((s, i) => ({
    ...s,
    brokers: s.brokers.map((b) => (b.nodeId === 1 ? { ...b, logDirs: dirs(i) } : b)),
    topics: s.topics.map((t) => ({ ...t, partitions: t.partitions.map((p) => ({ ...p, sizeBytes: size ? size(i) : 0 })) })),
  }));
}
const dir = (usedBytes: number, usableBytes: number | null, error: string | null = null) => ({ path: "/d1", usedBytes, totalBytes: usableBytes === null ? null : 1000_000_000, usableBytes, error });
const offlineDir = () => withDisks(S.healthy(), () => [dir(5_000, 600_000_000, "KAFKA_STORAGE_ERROR")]);
const roomyDisk = () => withDisks(S.healthy(), () => [dir(5_000, 600_000_000)]);
const unsizedDisk = () => withDisks(S.healthy(), () => [dir(5_000, null)]);
/** the healthy history (3 partitions, all led by broker 1), each log growing 1000 B per 10 s sample (300 B/s on the broker), under a producer quota */
const quota = (bytesPerSec: number) => () =>
  withDisks(S.healthy(), () => [dir(5_000, 600_000_000)], (i) => i * 1000).map((s) => ({ ...s, quotas: [{ entity: [{ type: "client-id", name: "app" }], values: { producer_byte_rate: bytesPerSec } }] }));
const controllerElections = () =>
  S.healthy().map((s, i) => ({ ...s, kraft: true, controller: { activeId: 1 + (i % 3), epoch: 5 + Math.floor(i / 3), highWatermark: 100 + i, voters: [{ id: 1, logEndOffset: 100 + i, lagRecords: 0, lastCaughtUpAt: s.takenAt }], observers: [] } }));

const throttled = () =>
  buildHistory({ samples: 12, topics: [{ name: "t", partitions: 1, produce: (_p, i) => (i <= 7 ? 1000 : 100) }], groups: [{ id: "g", topic: "t", consume: () => 1000 }] });

// [check, fixture, scope, expected verdict, reason pattern]
const CASES: [CheckId, () => ClusterSnapshot[], Scope, VerdictKind, RegExp][] = [
  ["skew.lag-concentration", S.skew, group("billing"), "supported", /partition 0 holds 100% of the group's lag while its input rate is 8x the median/],
  ["skew.lag-concentration", S.slowProcessing, group("billing"), "contradicted", /lag spread evenly/],
  ["skew.lag-concentration", S.poison, group("billing"), "unknown", /frozen/],
  ["skew.input-concentration", S.skew, group("billing"), "supported", /takes 80% of the topic input/],
  ["skew.input-concentration", S.slowProcessing, group("billing"), "contradicted", /input balanced/],
  ["group.offsets-frozen-no-members", S.stopped, group("billing"), "supported", /3\/3 lagging partitions unchanged for 80 s; group Empty with 0 member/],
  ["group.hung-consumer", S.hung, group("billing"), "supported", /2 member\(s\) alive and heartbeating .* no committed offset moved on any of the 3 lagging partition\(s\) for 80 s while input continues at 150 rec\/s/],
  ["group.offsets-moving", S.kip848DeadButMoving, group("billing-next"), "contradicted", /Dead with no members \(consumer protocol\)/],
  ["group.offsets-moving", S.quietCaughtUp, group("nightly"), "contradicted", /caught up/],
  ["partition.stalled-while-others-move", S.poison, group("billing"), "supported", /while 2 other partition\(s\) advance/],
  ["partition.stalled-while-others-move", S.healthy, group("billing"), "contradicted", /no partition/],
  ["retention.data-lost", S.retentionLost, group("billing"), "supported", /9200 records deleted unread on 2 partition/],
  ["retention.expires-before-drain", S.healthy, group("billing"), "contradicted", /caught up/],
  ["retention.expires-before-drain", S.kip848DeadButMoving, group("billing-next"), "contradicted", /keep pace/],
  ["group.rebalance-churn", S.rebalanceChurn, group("billing"), "supported", /11 state transitions, 11 member-set changes/],
  ["group.rebalance-churn", S.healthy, group("billing"), "contradicted", /stable membership/],
  ["group.rebalance-churn", S.stopped, group("billing"), "unknown", /single change/],
  ["group.idle-members", S.insufficientPartitions, group("sessionizer"), "supported", /4 members for 2 partitions: 2 idle while lag grows 200 rec\/s/],
  ["group.idle-members", S.slowProcessing, group("billing"), "contradicted", /not capped/],
  ["topic.input-spike", S.trafficSpike, group("billing"), "supported", /4\.7x/],
  ["topic.input-spike", S.sinkBottleneck, group("billing"), "contradicted", /no spike/],
  ["topic.input-drop", throttled, group("g"), "supported", /fell well below baseline/],
  ["topic.input-drop", S.healthy, group("billing"), "contradicted", /at or above baseline/],
  ["cluster.broker-left", S.brokerDown, cluster, "supported", /broker 3 \(broker-3\) left at 09:01:00Z/],
  ["cluster.broker-left", S.healthy, cluster, "contradicted", /all 1 brokers/],
  ["cluster.offline-partitions", S.brokerDown, cluster, "supported", /audit\[0\]/],
  ["cluster.under-replicated", S.underReplicated, cluster, "supported", /1 of 3 partitions under-replicated/],
  ["cluster.under-replicated", S.healthy, cluster, "contradicted", /full ISR/],
  ["cluster.under-min-isr", S.underReplicated, cluster, "supported", /isr 1 < min.insync.replicas 2/],
  ["cluster.leader-churn", churning, cluster, "supported", /leader changes without a broker leaving/],
  ["cluster.leader-churn", S.healthy, cluster, "contradicted", /no leader changed/],
  ["group.consume-below-input-steady", S.slowProcessing, group("billing"), "supported", /consuming 126 rec\/s against 150 rec\/s input \(84%\)/],
  ["group.consume-below-input-steady", S.healthy, group("billing"), "contradicted", /lag not growing/],
  ["group.consume-below-input-steady", S.trafficSpike, group("billing"), "unknown", /input rose/],
  ["group.consume-rate-drop", S.sinkBottleneck, group("billing"), "supported", /fell from 136.9 to 45 rec\/s/],
  ["group.consume-rate-drop", S.stopped, group("billing"), "unknown", /frozen/],
  ["storage.log-dir-pressure", offlineDir, cluster, "supported", /^log dir offline: broker 1 \/d1 \(KAFKA_STORAGE_ERROR\)$/],
  ["storage.log-dir-pressure", roomyDisk, cluster, "contradicted", /has room: at most 40% of its volume used/],
  ["quota.producer-capped", quota(330), cluster, "supported", /orders takes 300 B\/s on broker 1 recently: 91% of the producer_byte_rate quota of client-id app \(330 B\/s per broker\): the quota caps its input/],
  ["quota.producer-capped", quota(1_000_000), cluster, "contradicted", /below every producer quota/],
  ["cluster.leader-churn", controllerElections, cluster, "supported", /^3 KRaft controller elections \(metadata quorum leader epoch\) in the window; active controller now \d$/],
  ["topic.config-changed", S.configChange, { kind: "topic", name: "orders" }, "supported", /retention.ms 604800000 → 3600000/],
  ["topic.config-changed", S.healthy, group("billing"), "contradicted", /no topic config changed/],
];

describe("automatic checks", () => {
  it.each(CASES.map((c) => [`${c[0]} ${c[3]} on ${c[1].name}`, ...c] as const))("%s", (_n, id, make, scope, kind, pattern) => {
    const vs = verdictOf(make(), scope, id);
    const hit = vs.find((x) => x.verdict === kind && pattern.test(x.reason));
    expect(hit, JSON.stringify(vs)).toBeDefined();
    expect(hit?.reason).toMatch(pattern);
    if (kind === "unknown") expect(hit?.weight).toBe(0);
    else expect(hit?.weight).toBeGreaterThan(0);
  });

  const lagStartOfStopped = () => computeSignals(S.stopped()).groups[0]?.lagStartedAt ?? 0;
  it.each([
    ["event.deploy-aligned", "deploy"],
    ["event.schema-change-aligned", "schema-change"],
    ["event.config-change-aligned", "config-change"],
  ] as const)("%s supports when aligned and contradicts when far", (id, kind) => {
    const start = lagStartOfStopped();
    expect(verdictOf(S.stopped(), group("billing"), id, [{ kind, at: start - 5 * 60_000 }])[0]?.verdict).toBe("supported");
    expect(verdictOf(S.stopped(), group("billing"), id, [{ kind, at: start - 5 * 3_600_000 }])[0]?.verdict).toBe("contradicted");
    expect(verdictOf(S.healthy(), group("billing"), id, [{ kind, at: start }])[0]?.verdict).toBe("unknown");
    expect(verdictOf(S.stopped(), group("billing"), id, [{ kind, at: start, topic: "other-topic" }])).toEqual([]);
  });

  it("every check id has a test case", () => {
    // event checks: checks-captured.test.ts; broker metric checks: checks-broker-metrics.test.ts
    const covered = new Set<string>([...CASES.map((c) => c[0]), "event.deploy-aligned", "event.schema-change-aligned", "event.config-change-aligned", "broker.request-latency", "broker.handler-idle", "broker.append-latency", "producer.throttle-time"]);
    for (const id of CHECK_IDS) expect(covered, id).toContain(id);
  });

  it("speaks of storage only where the broker gives sizes, and of quotas only near a cap", () => {
    expect(verdictOf(unsizedDisk(), cluster, "storage.log-dir-pressure")).toEqual([]);
    expect(verdictOf(S.healthy(), cluster, "storage.log-dir-pressure")).toEqual([]);
    // 300 B/s cannot be held by a 100 B/s quota, and is not far below it either: no verdict
    expect(verdictOf(quota(100)(), cluster, "quota.producer-capped")).toEqual([]);
    expect(verdictOf(S.healthy(), cluster, "quota.producer-capped")).toEqual([]);
  });

  it("metadata's controller id moving on KRaft is no evidence of churn; quorum elections are", () => {
    const moving = S.healthy().map((s, i) => ({ ...s, kraft: true, controllerId: 1 + (i % 3) }));
    expect(verdictOf(moving, cluster, "cluster.leader-churn").every((x) => x.verdict !== "supported")).toBe(true);
    expect(computeSignals(controllerElections()).cluster).toMatchObject({ controllerKnown: true, controllerChanges: 3 });
  });

  it("down-weights consequences of a departed broker below broker.down", () => {
    const d = diagnose(computeSignals(S.brokerDown()), { scope: cluster });
    const ur = d.verdicts.find((x) => x.checkId === "cluster.under-replicated" && x.verdict === "supported");
    expect(ur?.weight).toBeLessThan(0.6);
    expect(d.verdicts.some((x) => x.checkId === "cluster.leader-churn" && x.verdict === "supported")).toBe(false);
  });
});
