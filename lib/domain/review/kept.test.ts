import { describe, expect, it } from "vitest";
import type { WindowEvidence } from "./impact";
import { computeImpact, incidentWindow } from "./impact";
import { mergeKept, type KeptEvidencePayload } from "./kept";

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const point = (s: number, lag: number) => ({ at: T0 + s * 1000, lag, timeLagSeconds: lag / 10, inputRatePerSec: 10, consumeRatePerSec: 0 });
const ev = (points: ReturnType<typeof point>[], lost = 0): WindowEvidence => ({ series: points, lostAt: points.map(() => lost), laggingGroups: ["billing"], topics: ["orders"] });
const kept = (moment: KeptEvidencePayload["moment"], series: WindowEvidence): KeptEvidencePayload => ({ moment, entrySeq: 0, takenAt: null, bundle: null, series, known: [], unknown: [] });
const scope = { topics: ["orders"], groups: ["billing"], services: [] };

describe("mergeKept", () => {
  it("with every sample pruned, the kept series alone gives the impact", () => {
    const resolved = kept("resolved", ev([point(0, 0), point(60, 600), point(120, 1200), point(180, 0)], 5));
    const merged = mergeKept(ev([]), [kept("opened", ev([point(0, 0)])), resolved]);
    expect(merged.series).toHaveLength(4);
    const impact = computeImpact(merged, incidentWindow({ impactStart: new Date(T0).toISOString(), resolved: new Date(T0 + 180_000).toISOString() }, new Date(T0).toISOString(), T0 + 200_000), scope);
    expect(impact).toMatchObject({ peakLag: 1200, peakTimeLagSeconds: 120, recordsLost: 5, lost: "yes", samples: 4 });
  });
  it("sampled points win where they exist; kept points fill what was pruned before them", () => {
    const merged = mergeKept(ev([point(120, 1300), point(180, 10)]), [kept("resolved", ev([point(0, 0), point(60, 600), point(120, 1200), point(180, 0)]))]);
    expect(merged.series.map((p) => [p.at - T0, p.lag])).toEqual([[0, 0], [60_000, 600], [120_000, 1300], [180_000, 10]]);
    expect(merged.lostAt).toHaveLength(4);
  });
  it("samples that no longer show the scope (topic deleted) cover nothing: the kept points stay", () => {
    const blank = { at: T0 + 10_000, lag: null, timeLagSeconds: null, inputRatePerSec: null, consumeRatePerSec: null };
    const merged = mergeKept({ series: [blank], lostAt: [null], laggingGroups: [], topics: [] }, [kept("resolved", ev([point(30, 300), point(60, 600)]))]);
    expect(merged.series.filter((p) => p.lag !== null).map((p) => p.lag)).toEqual([300, 600]);
  });
  it("nothing kept: the sampled evidence as it is", () => {
    const sampled = ev([point(0, 1)]);
    expect(mergeKept(sampled, [])).toBe(sampled);
  });
});
