import { describe, expect, it } from "vitest";
import { CAPTURED, captured } from "@/lib/domain/__fixtures__";
import { computeSignals } from "./signals";

/** Signals on snapshot histories captured from a real broker by the drills. */
const groupOf = (id: string) => {
  const f = captured(id);
  const s = computeSignals(f.history);
  const g = s.groups.find((x) => x.groupId === f.scope.name);
  if (!g) throw new Error(`group ${f.scope.name} missing in ${id}`);
  return { f, s, g };
};

describe("signals on captured real-broker fixtures", () => {
  it("every fixture holds only its scenario's topics and groups", () => {
    for (const f of CAPTURED) {
      // healthy-metrics: the healthy scenario captured with broker metrics
      const scenario = f.id.replace(/-metrics$/, "");
      for (const snap of f.history) {
        for (const t of snap.topics) expect(t.name.startsWith(`drill-${scenario}-`)).toBe(true);
        for (const g of snap.groups) expect(g.groupId.startsWith(`drill-${scenario}-`)).toBe(true);
      }
    }
  });

  it("lag per partition equals log end − committed in the newest snapshot", () => {
    for (const f of CAPTURED.filter((x) => x.scope.kind === "group")) {
      const { g } = groupOf(f.id);
      const last = f.history[f.history.length - 1]!;
      const snapGroup = last.groups.find((x) => x.groupId === f.scope.name)!;
      for (const p of g.partitions) {
        const committed = snapGroup.offsets.find((o) => o.topic === p.topic && o.partition === p.partition)?.committedOffset;
        const end = last.topics.find((t) => t.name === p.topic)?.partitions.find((x) => x.partition === p.partition)?.logEndOffset;
        expect(committed, `${f.id} ${p.topic}[${p.partition}]`).not.toBeNull();
        expect(p.lag).toBe(Math.max(0, end! - committed!));
      }
    }
  });

  it("hot-partition: one partition takes over half the input and most of the lag", () => {
    const { s, g, f } = groupOf("hot-partition");
    const topic = s.topics.find((t) => t.name === g.topics[0])!;
    const hot = [...topic.partitions].sort((a, b) => (b.inputShare ?? 0) - (a.inputShare ?? 0))[0]!;
    expect(hot.inputShare).toBeGreaterThan(0.5);
    expect(g.partitions.find((p) => p.partition === hot.partition)?.lagShare).toBeGreaterThan(0.6);
    expect(f.history.length).toBeGreaterThanOrEqual(5);
  });

  it("poison-record: partition 1 is stalled at one offset while the others advance", () => {
    const { g } = groupOf("poison-record");
    const stuck = g.partitions.find((p) => p.partition === 1)!;
    expect(stuck.status).toBe("stalled");
    expect(stuck.committedFrozen).toBe(true);
    expect(stuck.lag).toBeGreaterThan(0);
    for (const p of g.partitions.filter((x) => x.partition !== 1)) {
      expect(p.committedFrozen).toBe(false);
      expect(p.consumeRatePerSec).toBeGreaterThan(0);
    }
    expect(g.memberCount).toBe(1);
  });

  it("silent-stop: no members, offsets frozen, status stopped", () => {
    const { g } = groupOf("silent-stop");
    expect(g.memberCount).toBe(0);
    expect(g.status).toBe("stopped");
    expect(g.partitions.every((p) => p.committedFrozen)).toBe(true);
    expect(g.totalLag).toBeGreaterThan(g.firstTotalLag ?? 0);
  });

  it("retention: committed offsets below the log start are records lost, after retention.ms was shortened", () => {
    const { g, s } = groupOf("retention");
    const lost = g.partitions.filter((p) => p.retention.kind === "lost");
    expect(lost.length).toBeGreaterThan(0);
    for (const p of lost) {
      expect(p.retention).toEqual({ kind: "lost", recordsLost: p.logStartOffset! - p.committedOffset! });
      expect(p.status).toBe("error");
    }
    expect(s.cluster.configChanges.map((c) => [c.key, c.to])).toContainEqual(["retention.ms", "4000"]);
  });

  it("traffic-spike: recent input is at least 3x the baseline", () => {
    const { s, g } = groupOf("traffic-spike");
    const topic = s.topics.find((t) => t.name === g.topics[0])!;
    expect(topic.inputChangeRatio).toBeGreaterThanOrEqual(3);
  });

  it("too-few-partitions: 4 members for 2 partitions, 2 idle, lag growing", () => {
    const { g } = groupOf("too-few-partitions");
    expect([g.memberCount, g.partitionCount, g.idleMembers]).toEqual([4, 2, 2]);
    expect(g.lagGrowthPerSec).toBeGreaterThan(0);
  });

  it("rebalance-storm: the member set keeps changing", () => {
    const { g } = groupOf("rebalance-storm");
    expect(g.churn.memberSetChanges).toBeGreaterThanOrEqual(3);
    expect(g.churn.membersJoined).toBeGreaterThanOrEqual(2);
  });

  it("slow-sink: consume rate falls below 75% of its baseline while every partition keeps moving", () => {
    const { g } = groupOf("slow-sink");
    expect(g.recentConsumeRatePerSec! / g.baselineConsumeRatePerSec!).toBeLessThanOrEqual(0.75);
    expect(g.partitions.every((p) => !p.committedFrozen)).toBe(true);
    expect(g.churn.memberSetChanges).toBe(0);
  });

  it("broker-down: broker 3 left and its RF=1 partition went offline with null offsets", () => {
    const f = captured("broker-down");
    const s = computeSignals(f.history);
    expect(s.cluster.brokersLeft.map((b) => b.nodeId)).toEqual([3]);
    expect(s.cluster.brokerIds).toEqual([1, 2]);
    expect(s.cluster.offlinePartitions.map((p) => p.partition)).toEqual([2]);
    const p2 = s.topics[0]!.partitions.find((p) => p.partition === 2)!;
    expect([p2.leader, p2.logEndOffset]).toEqual([-1, null]);
  });

  it("healthy: the group keeps pace with its input", () => {
    const { g } = groupOf("healthy");
    expect(g.consumeRatePerSec! / g.inputRatePerSec!).toBeGreaterThan(0.9);
    expect(g.totalLag).toBeLessThan(g.inputRatePerSec! * 2);
  });
});
