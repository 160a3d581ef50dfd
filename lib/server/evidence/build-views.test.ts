import { describe, expect, it } from "vitest";
import { buildHistory, T0 } from "@/lib/domain/testing/fixtures";
import { retentionLost, stopped } from "@/lib/domain/testing/scenarios";
import { buildGroupDetail, buildOverview, buildTopicDetail } from "./build-views";
import { groupSeries } from "./group-series";
import { groupsUnlistedWarning } from "@/lib/domain/evidence/group-listing";

const HOUR = 3_600_000;

describe("cluster views", () => {
  it("overview: a stopped group reads stopped and sorts first; counts partitions", () => {
    const history = stopped();
    const view = buildOverview(history, [], HOUR);
    expect(view.groups[0]?.status).toBe("stopped");
    expect(view.totals.partitions).toBe(view.topics.reduce((n, t) => n + t.partitions, 0));
    expect(view.snapshot?.takenAt).toBe(history[history.length - 1]!.takenAt);
  });

  it("overview: a group Kafka no longer lists drops off at once, unless the newest listing was incomplete", () => {
    const history = stopped();
    const gone = history[0]!.groups[0]!.groupId;
    expect(buildOverview(history, [], HOUR).groups.map((g) => g.groupId)).toContain(gone);
    // deleted: the newest sample no longer has it, the older samples of the window still do
    const deleted = history.map((s, i) => (i === history.length - 1 ? { ...s, groups: s.groups.filter((g) => g.groupId !== gone) } : s));
    const view = buildOverview(deleted, [], HOUR);
    expect(view.groups.map((g) => g.groupId)).not.toContain(gone);
    expect(view.totals.groups).toBe(view.groups.length);
    // a broker that did not answer ListGroups: missing is not deleted, the window's groups stay
    const unlisted = deleted.map((s, i) => (i === deleted.length - 1 ? { ...s, warnings: [...s.warnings, groupsUnlistedWarning(1, ": timeout")] } : s));
    expect(buildOverview(unlisted, [], HOUR).groups.map((g) => g.groupId)).toContain(gone);
  });

  it("overview: data already lost is the group's worst retention risk", () => {
    const view = buildOverview(retentionLost(), [], HOUR);
    const lost = view.groups.find((g) => g.retention.kind === "lost");
    expect(lost?.retention.recordsLost).toBeGreaterThan(0);
    expect(lost?.retention.where).toMatch(/\[\d+\]$/);
    expect(view.totals.groupsAtRisk).toBeGreaterThan(0);
  });

  it("group series: lag grows with a slow consumer, rates per interval", () => {
    const history = buildHistory({
      samples: 6,
      intervalMs: 10_000,
      topics: [{ name: "orders", partitions: 2, produce: () => 100 }],
      groups: [{ id: "billing", topic: "orders", consume: () => 40 }],
    });
    const series = groupSeries(history, "billing");
    expect(series.map((p) => p.lag)).toEqual([0, 120, 240, 360, 480, 600]);
    expect(series[1]?.inputRatePerSec).toBeCloseTo(20);
    expect(series[1]?.consumeRatePerSec).toBeCloseTo(8);
    expect(series[0]?.timeLagSeconds).toBe(0);
    expect(series[5]!.timeLagSeconds!).toBeGreaterThan(0);
    const detail = buildGroupDetail(history, history, "billing", [], HOUR);
    expect(detail?.group.totalLag).toBe(600);
    expect(detail?.group.lagGrowthPerSec).toBeCloseTo(12);
    expect(detail?.partitions).toHaveLength(2);
    expect(buildGroupDetail(history, history, "nobody", [], HOUR)).toBeNull();
  });

  it("topic detail lists partitions, readers and the input series", () => {
    const history = buildHistory({
      samples: 3,
      startMs: T0,
      topics: [{ name: "orders", partitions: 3, produce: () => 10 }],
      groups: [{ id: "billing", topic: "orders", consume: () => 10 }],
    });
    const detail = buildTopicDetail(history, "orders", [], HOUR);
    expect(detail?.partitions).toHaveLength(3);
    expect(detail?.groups.map((g) => g.groupId)).toEqual(["billing"]);
    expect(detail?.series[2]?.inputRatePerSec).toBeGreaterThan(0);
    expect(buildTopicDetail(history, "nope", [], HOUR)).toBeNull();
  });
});
