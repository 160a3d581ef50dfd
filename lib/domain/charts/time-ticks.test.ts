import { describe, expect, it } from "vitest";
import { timeTicks } from "./time-ticks";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number[]) => ms.map((t) => new Date(t).toISOString().slice(11, 19));

describe("timeTicks", () => {
  it("puts about five round ticks on a 90-second window, whatever the samples' times", () => {
    expect(iso(timeTicks(at("2026-12-01T18:29:23.400Z"), at("2026-12-01T18:30:53.100Z")))).toEqual(["18:29:30", "18:30:00", "18:30:30"]);
    expect(iso(timeTicks(at("2026-12-01T18:29:23Z"), at("2026-12-01T18:30:53Z"), 9))).toEqual(["18:29:30", "18:29:40", "18:29:50", "18:30:00", "18:30:10", "18:30:20", "18:30:30", "18:30:40", "18:30:50"]);
  });

  it("steps by round minutes and hours on longer windows, inside the window only", () => {
    expect(iso(timeTicks(at("2026-12-01T10:07:00Z"), at("2026-12-01T10:52:00Z")))).toEqual(["10:10:00", "10:20:00", "10:30:00", "10:40:00", "10:50:00"]);
    expect(iso(timeTicks(at("2026-12-01T01:10:00Z"), at("2026-12-01T06:50:00Z")))).toEqual(["02:00:00", "04:00:00", "06:00:00"]);
    const many = timeTicks(at("2026-11-20T00:00:00Z"), at("2026-12-01T00:00:00Z"));
    expect(many.length).toBeLessThanOrEqual(6);
    expect(many.every((t) => t % 86_400_000 === 0)).toBe(true);
  });

  it("has one tick for a single point and none for no data", () => {
    expect(timeTicks(5_000, 5_000)).toEqual([5_000]);
    expect(timeTicks(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)).toEqual([]);
  });
});
