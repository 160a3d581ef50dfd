import { describe, expect, it } from "vitest";
import { diagnose } from "@/lib/domain/diagnosis/rank";
import { buildHistory, T0 } from "@/lib/domain/testing/fixtures";
import { formatDuration } from "@/lib/domain/metrics/durations";
import { describeKnowledge } from "./knowledge";
import { lagSeries } from "./lag-series";
import { computeSignals } from "./signals";

const MIN = 60_000;
/** 40 min of samples, 10 s apart: the group stops after 20 min while input goes on. */
const stoppedLongAgo = () =>
  buildHistory({
    samples: 241,
    topics: [{ name: "orders", partitions: 1, produce: () => 100 }],
    groups: [{ id: "billing", topic: "orders", consume: (_p, i) => (i <= 120 ? 100 : 0), members: (i) => (i <= 120 ? [{ id: "billing-a", partitions: [0] }] : []) }],
  });
const split = <T extends { takenAt: number }>(h: T[], windowMs: number) => {
  const now = h[h.length - 1]!.takenAt;
  return { window: h.filter((s) => s.takenAt >= now - windowMs), older: h.filter((s) => s.takenAt < now - windowMs) };
};

describe("reach-back: older samples place the lag in time", () => {
  it("time lag and lag start come from before the rate window; rates and status stay in it", () => {
    const h = stoppedLongAgo();
    const { window, older } = split(h, 5 * MIN);
    const short = computeSignals(window).groups[0]!;
    const long = computeSignals(window, { reachBack: older });
    const g = long.groups[0]!;
    // stopped 20 min before the newest sample: the window alone only knows "at least 5 min"
    expect(short.partitions[0]!.timeLagEstimate).toBe("lower-bound");
    expect(short.maxTimeLagSeconds!).toBeLessThan(320);
    expect(g.partitions[0]!.timeLagEstimate).toBe("interpolated");
    expect(g.maxTimeLagSeconds!).toBeGreaterThan(1190);
    expect(g.maxTimeLagSeconds!).toBeLessThan(1210);
    expect(g.lagStartedAt).toBe(T0 + 120 * 10_000);
    // what is happening now is judged over the window only
    expect(g.consumeRatePerSec).toBe(short.consumeRatePerSec);
    expect(g.lagGrowthPerSec).toBeCloseTo(short.lagGrowthPerSec!, 6);
    expect(g.status).toBe(short.status);
    expect(long.samples).toBe(window.length);
    expect(long.reachBackFrom).toBe(older[0]!.takenAt);
    expect(long.reachBackSamples).toBe(older.length);
  });

  it("cluster changes before the window count (a config change 10 minutes before now)", () => {
    const h = buildHistory({
      samples: 121,
      topics: [{ name: "orders", partitions: 1, produce: () => 10, configs: (i) => ({ "retention.ms": i < 60 ? "604800000" : "3600000", "cleanup.policy": "delete" }) }],
    });
    const { window, older } = split(h, 5 * MIN);
    expect(computeSignals(window).cluster.configChanges).toEqual([]);
    expect(computeSignals(window, { reachBack: older }).cluster.configChanges).toEqual([expect.objectContaining({ topic: "orders", key: "retention.ms", from: "604800000", to: "3600000" })]);
  });
});

describe("baseline from before the lag", () => {
  it("compares recent input with the baseline period, not with the window's own start", () => {
    const h = buildHistory({ samples: 121, topics: [{ name: "orders", partitions: 2, produce: (_p, i) => (i <= 60 ? 50 : 250) }] });
    const { window } = split(h, 5 * MIN);
    const before = h.slice(0, 61); // the 10 minutes before input went up
    const inWindow = computeSignals(window).topics[0]!;
    expect(inWindow.baselineSource).toBe("window");
    expect(inWindow.inputChangeRatio).toBeCloseTo(1, 5); // the whole window is already the spike
    const t = computeSignals(window, { baseline: { history: before, label: "09:00–09:10 UTC, before the lag started" } }).topics[0]!;
    expect(t.baselineSource).toBe("history");
    expect(t.baselineLabel).toMatch(/before the lag started/);
    expect(t.baselineInputRatePerSec).toBeCloseTo(10, 5); // 2 partitions × 50 per 10 s
    expect(t.inputChangeRatio).toBeCloseTo(5, 5);
  });
});

describe("a partition that has not committed yet", () => {
  // a live member starts at the log end: partitions 0 and 1 get records and commit, partition 2
  // holds 500 old records and never commits (nothing new arrives there)
  const h = buildHistory({
    samples: 12,
    topics: [{ name: "orders", partitions: 3, initialEnd: (p) => (p === 2 ? 500 : 1000), produce: (p) => (p === 2 ? 0 : 100) }],
    groups: [{ id: "billing", topic: "orders", consume: () => 100, initialCommitted: (p, e) => (p === 2 ? null : e) }],
  });
  it("is 'not known yet', never frozen, and no poison record is suggested", () => {
    const s = computeSignals(h);
    const p2 = s.groups[0]!.partitions.find((p) => p.partition === 2)!;
    expect(p2).toMatchObject({ neverCommitted: true, committedFrozen: false, status: "unknown", lagFromLogStart: true, lag: 500 });
    expect(p2.statusReason).toMatch(/no committed offset yet/);
    const d = diagnose(s, { scope: { kind: "group", name: "billing" } });
    expect(d.causes.map((c) => c.id)).not.toContain("consumer.poison-record");
    const k = describeKnowledge({ scope: { topics: [], groups: ["billing"] }, window: h, signals: s, rateWindowMs: 5 * MIN, baselineLabel: null, weekAgo: "not-kept", historyKeptMs: 24 * 60 * MIN, error: null, now: h[h.length - 1]!.takenAt });
    expect(k.unknown.join(" ")).toMatch(/1 partition\(s\) have not committed yet/);
  });
});

describe("size-based retention counts beside time-based", () => {
  // retention.bytes set; the log start advances 50 rec/s as the partition fills, the group reads
  // 10 rec/s, 2,000 records ahead of the deletion point: the gap closes at 40 rec/s → 50 s
  const h = buildHistory({
    samples: 12,
    topics: [{ name: "orders", partitions: 1, initialEnd: () => 10_000, produce: () => 500, logStart: (_p, i) => 5_000 + i * 500, configs: () => ({ "retention.ms": "604800000", "retention.bytes": "1073741824", "cleanup.policy": "delete" }) }],
    groups: [{ id: "billing", topic: "orders", consume: () => 100, initialCommitted: () => 7_000 }],
  });
  it("deletion by size sets the deadline when it comes before the time deadline", () => {
    const s = computeSignals(h);
    expect(s.topics[0]!.retentionBytes).toBe(1073741824);
    const p = s.groups[0]!.partitions[0]!;
    // at the newest sample: log start 10,500, committed 8,100 → already lost
    expect(p.retention.kind).toBe("lost");
    const earlier = computeSignals(h.slice(0, 3)).groups[0]!.partitions[0]!;
    // log start 6,000, committed 7,200: 1,200 records of gap closing at 40 rec/s → 30 s
    expect(earlier.retention).toMatchObject({ kind: "expires-before-drain", by: "size" });
    expect(earlier.retention.kind === "expires-before-drain" ? earlier.retention.secondsUntilExpiry : 0).toBeCloseTo(30, 5);
  });
  it("without retention.bytes the time deadline alone counts", () => {
    const noBytes = h.map((x) => ({ ...x, topics: x.topics.map((t) => ({ ...t, configs: { ...t.configs, "retention.bytes": "-1" } })) }));
    const p = computeSignals(noBytes.slice(0, 3)).groups[0]!.partitions[0]!;
    expect(p.retention.kind === "expires-before-drain" ? p.retention.by : p.retention.kind).not.toBe("size");
  });
});

describe("lagSeries", () => {
  it("gives each group's total lag per sample, leaving out groups a sample does not show", () => {
    const h = stoppedLongAgo();
    const series = lagSeries([h[0]!, h[130]!, h[240]!], ["billing", "nobody"]);
    expect(series.map((x) => x.totalLag)).toEqual([{ billing: 0 }, { billing: 1000 }, { billing: 12000 }]);
  });
});

describe("describeKnowledge", () => {
  const now = T0 + 10_000;
  const base = { rateWindowMs: 5 * MIN, baselineLabel: null, weekAgo: "not-kept" as const, historyKeptMs: 24 * 60 * MIN, error: null, now };
  it("one sample: rates, growth and movement are not known, and it says so", () => {
    const h = stoppedLongAgo().slice(0, 1);
    const k = describeKnowledge({ ...base, scope: { topics: ["orders"], groups: ["billing"] }, window: h, signals: computeSignals(h) });
    expect(k.sufficient).toBe(false);
    expect(k.unknown.join(" ")).toMatch(/group billing: one sample only/);
    expect(k.unknown.join(" ")).toMatch(/topic orders: one sample only/);
    expect(k.unknown.join(" ")).toMatch(/same hour a week earlier: history is kept 24 h/);
  });
  it("a group the sampler has not seen is named; no sample at all says nothing is known", () => {
    const h = stoppedLongAgo().slice(0, 3);
    const k = describeKnowledge({ ...base, scope: { topics: [], groups: ["billing", "ghost"] }, window: h, signals: computeSignals(h) });
    expect(k.sufficient).toBe(false);
    expect(k.unknown).toContain("group ghost is not in the sampled history yet (it may not exist, or has just appeared)");
    expect(k.known[0]).toMatch(/^3 sample\(s\) over 20 s/);
    expect(describeKnowledge({ ...base, scope: { topics: [], groups: [] }, window: [], signals: null }).unknown).toEqual(["no sample of this scope yet: nothing is known from Kafka"]);
  });
  it("enough samples and a baseline: sufficient, with the baseline named", () => {
    const h = stoppedLongAgo().slice(0, 30);
    const k = describeKnowledge({ ...base, baselineLabel: "08:00–09:00 UTC, before the lag started", scope: { topics: ["orders"], groups: ["billing"] }, window: h, signals: computeSignals(h) });
    expect(k.sufficient).toBe(true);
    expect(k.known).toContain("baseline input: 08:00–09:00 UTC, before the lag started");
  });
});

describe("formatDuration: the one duration formatter", () => {
  it.each([
    [null, "—"],
    [-5, "—"],
    [Number.NaN, "—"],
    [0, "0 s"],
    [0.4, "<1 s"],
    [75, "75 s"],
    [100, "1 min 40 s"],
    [600, "10 min"],
    [3900, "1 h 05 min"],
    [7 * 86400, "7 d"],
  ] as const)("%s → %s", (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});
