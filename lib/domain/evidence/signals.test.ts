import { describe, it, expect } from "vitest";
import { computeSignals } from "./signals";
import { timeLag, counterRate } from "./series";
import { isFrozen, partitionStatus } from "./group-status";
import { buildHistory, T0 } from "@/lib/domain/testing/fixtures";
import * as S from "@/lib/domain/testing/scenarios";

const group = (h: ReturnType<typeof S.healthy>, id: string) => {
  const g = computeSignals(h).groups.find((x) => x.groupId === id);
  if (!g) throw new Error(`no group ${id}`);
  return g;
};

describe("lag and rates", () => {
  it("computes lag, input and consume rates per partition", () => {
    const g = group(S.slowProcessing(), "billing");
    const p0 = g.partitions[0];
    expect(p0?.inputRatePerSec).toBe(50); // 500 records per 10 s
    expect(p0?.consumeRatePerSec).toBe(42);
    expect(p0?.lag).toBe(11 * 80);
    expect(g.totalLag).toBe(3 * 11 * 80);
    expect(g.lagGrowthPerSec).toBeCloseTo(24, 5);
    expect(g.drain).toBe("not-draining");
    expect(g.timeToDrainSeconds).toBeNull();
  });
  it("counts lag from log start when nothing is committed", () => {
    const h = buildHistory({
      samples: 3,
      topics: [{ name: "t", partitions: 1, produce: () => 10, logStart: () => 400 }],
      groups: [{ id: "g", topic: "t", consume: () => 0, initialCommitted: () => null }],
    });
    const p = group(h, "g").partitions[0];
    expect(p?.lag).toBe(1020 - 400);
    expect(p?.lagFromLogStart).toBe(true);
  });
  it("reports time to drain when consumers outpace input", () => {
    const h = buildHistory({
      samples: 4,
      topics: [{ name: "t", partitions: 1, produce: () => 100 }],
      groups: [{ id: "g", topic: "t", consume: () => 300, initialCommitted: (_p, e) => e - 5000 }],
    });
    const g = group(h, "g");
    expect(g.drain).toBe("draining");
    // lag 5000 - 3*200 = 4400 at net 20 rec/s
    expect(g.timeToDrainSeconds).toBeCloseTo(4400 / 20, 5);
  });
  it("skips negative deltas instead of reporting negative throughput", () => {
    expect(counterRate([{ at: 0, value: 100 }, { at: 1000, value: 50 }, { at: 2000, value: 150 }])).toBe(50);
  });
  it("computes input share and lag share for skew", () => {
    const s = computeSignals(S.skew());
    const t = s.topics.find((x) => x.name === "orders");
    expect(t?.partitions[0]?.inputShare).toBeCloseTo(0.8, 5);
    expect(t?.medianPartitionInputRatePerSec).toBe(50);
    expect(s.groups[0]?.partitions[0]?.lagShare).toBe(1);
  });
  it("detects a traffic spike as recent vs baseline input", () => {
    const t = computeSignals(S.trafficSpike()).topics[0];
    expect(t?.inputChangeRatio).toBeGreaterThan(3);
    expect(computeSignals(S.healthy()).topics[0]?.inputChangeRatio).toBe(1);
  });
});

describe("time lag (Kafka Lag Exporter method)", () => {
  const table = [
    { offset: 100, at: T0, seeded: false },
    { offset: 200, at: T0 + 10_000, seeded: false },
  ];
  it("interpolates between sampled log-end points", () => {
    expect(timeLag(150, 300, T0 + 20_000, table)).toEqual({ seconds: 15, estimate: "interpolated" });
  });
  it("returns a lower bound instead of extrapolating past the window", () => {
    expect(timeLag(50, 300, T0 + 20_000, table)).toEqual({ seconds: 20, estimate: "lower-bound" });
  });
  it("uses offsets-by-timestamp seeds from the first sample", () => {
    const seeded = [...table, { offset: 0, at: T0 - 60_000, seeded: true }];
    expect(timeLag(50, 300, T0 + 20_000, seeded)).toEqual({ seconds: 50, estimate: "seeded" });
  });
  it("is zero when caught up and unknown without offsets", () => {
    expect(timeLag(300, 300, T0, table).estimate).toBe("caught-up");
    expect(timeLag(null, 300, T0, table).seconds).toBeNull();
  });
  it("seeds flow through computeSignals", () => {
    const h = S.stopped().slice(-1);
    const seeds = [{ topic: "orders", partition: 0, offset: 0, timestampMs: T0 - 3_600_000 }];
    const p = computeSignals(h, { seeds }).groups[0]?.partitions[0];
    expect(p?.timeLagEstimate).toBe("seeded");
    expect(p?.timeLagSeconds).toBeGreaterThan(0);
  });
});

describe("retention risk", () => {
  it("counts records already lost below the log start", () => {
    const p = group(S.retentionLost(), "billing").partitions[0];
    expect(p?.retention).toEqual({ kind: "lost", recordsLost: 4600 });
  });
  it("flags expiry before drain and not for consumers keeping pace", () => {
    const short = buildHistory({
      samples: 6,
      topics: [{ name: "t", partitions: 1, produce: () => 100, configs: () => ({ "retention.ms": "600000" }) }],
      groups: [{ id: "g", topic: "t", consume: () => 0, initialCommitted: (_p, e) => e - 100, members: () => [] }],
    });
    const risk = group(short, "g").partitions[0]?.retention;
    expect(risk?.kind).toBe("expires-before-drain");
    expect(group(S.kip848DeadButMoving(), "billing-next").partitions[0]?.retention.kind).toBe("safe");
  });
  it("never expires on compact-only topics", () => {
    const h = buildHistory({
      samples: 3,
      topics: [{ name: "t", partitions: 1, produce: () => 10, configs: () => ({ "retention.ms": "1000", "cleanup.policy": "compact" }) }],
      groups: [{ id: "g", topic: "t", consume: () => 0, members: () => [] }],
    });
    expect(group(h, "g").partitions[0]?.retention.kind).toBe("none");
  });
});

describe("consumer status (Burrow rules)", () => {
  it.each([
    ["healthy", S.healthy, "billing", "ok"],
    ["quiet topic caught up is ok, not stopped", S.quietCaughtUp, "nightly", "ok"],
    ["KIP-848 Dead with no members but moving offsets", S.kip848DeadButMoving, "billing-next", "ok"],
    ["stopped", S.stopped, "billing", "stopped"],
    ["poison", S.poison, "billing", "stalled"],
    ["retention lost", S.retentionLost, "billing", "error"],
    ["rebalancing", S.rebalanceChurn, "billing", "rebalancing"],
    ["slow", S.slowProcessing, "billing", "lagging"],
  ] as const)("%s", (_n, make, id, status) => {
    expect(group(make(), id).status).toBe(status);
  });
  it("reports rewound offsets", () => {
    const h = buildHistory({
      samples: 4,
      topics: [{ name: "t", partitions: 1, produce: () => 100 }],
      groups: [{ id: "g", topic: "t", consume: () => 100, override: (_p, i) => (i === 3 ? 500 : undefined) }],
    });
    expect(group(h, "g").status).toBe("rewound");
  });
  it("a frozen partition nobody owns is stopped even when the group has members", () => {
    const r = partitionStatus({ committed: [5, 5, 5], lags: [1, 2, 3], takenAt: [0, 1000, 2000], logStartOffset: 0, owned: false, memberCount: 2, stallFraction: 0.5 });
    expect(r.status).toBe("stopped");
  });
  it("needs two samples to judge movement", () => {
    expect(partitionStatus({ committed: [5], lags: [3], takenAt: [0], logStartOffset: 0, owned: true, memberCount: 1, stallFraction: 0.5 }).status).toBe("unknown");
  });
  it("isFrozen requires the unchanged run to cover the stall fraction", () => {
    expect(isFrozen([1, 2, 3, 3], [0, 1, 2, 3], 0.5).frozen).toBe(false);
    expect(isFrozen([1, 3, 3, 3], [0, 1, 2, 3], 0.5).frozen).toBe(true);
  });
});

describe("churn and cluster changes", () => {
  it("counts state transitions and member churn", () => {
    const g = group(S.rebalanceChurn(), "billing");
    expect(g.churn.stateTransitions.length).toBe(11);
    expect(g.churn.memberSetChanges).toBe(11);
    expect(g.churn.rebalancingSamples).toBe(8);
    expect(group(S.healthy(), "billing").churn.stateTransitions).toHaveLength(0);
  });
  it("sees a broker leave, ISR shrink, leader moves and offline partitions", () => {
    const c = computeSignals(S.brokerDown()).cluster;
    expect(c.brokersLeft.map((b) => b.nodeId)).toEqual([3]);
    expect(c.brokerIds).toEqual([1, 2]);
    expect(c.offlinePartitions).toEqual([{ topic: "audit", partition: 0 }]);
    expect(c.isrShrinks.length).toBe(4);
    expect(c.leaderChanges.length).toBe(2);
  });
  it("flags under-min-ISR and config diffs", () => {
    expect(computeSignals(S.underReplicated()).cluster.underMinIsr).toEqual([{ topic: "payments", partition: 0 }]);
    const cfg = computeSignals(S.configChange()).cluster.configChanges;
    expect(cfg).toEqual([{ at: T0 + 60_000, topic: "orders", key: "retention.ms", from: "604800000", to: "3600000" }]);
  });
  it("counts idle members", () => {
    expect(group(S.insufficientPartitions(), "sessionizer").idleMembers).toBe(2);
  });
  it("handles an empty history", () => {
    const s = computeSignals([]);
    expect(s.samples).toBe(0);
    expect(s.groups).toEqual([]);
  });
});
