import { describe, expect, it } from "vitest";
import { CAPTURED } from "@/lib/domain/__fixtures__";
import { chartStepMs, chartView, MAX_POINTS } from "./chart";
import { failedReading } from "./reading";
import { readingsOf } from "./signals";

// readings a real Prometheus answered during the healthy drill (lib/domain/__fixtures__/healthy-metrics.json)
const readings = readingsOf(CAPTURED.find((f) => f.id === "healthy-metrics")!.history);
const first = readings[0]!.at;
const last = readings[readings.length - 1]!.at;

describe("broker charts from captured readings", () => {
  it("one point per broker and reading, in time order, with the figures as read", () => {
    const view = chartView({ window: { from: first, to: last }, stepMs: 5_000, readings, source: "prometheus", error: null });
    expect(view.state).toBe("ok");
    expect(view.brokers).toEqual([1]);
    expect(view.points).toHaveLength(readings.length);
    expect(view.points[0]).toMatchObject({ at: first, nodeId: 1, produceP99Ms: readings[0]!.brokers[0]!.produceP99Ms, bytesInPerSec: readings[0]!.brokers[0]!.bytesInPerSec });
    expect(view.newestAt).toBe(last);
  });

  it("stale when the newest point is older than three steps (and a minute) before the window's end", () => {
    const view = chartView({ window: { from: first, to: last + 5 * 60_000 }, stepMs: 5_000, readings, source: "prometheus", error: null });
    expect(view.state).toBe("stale");
    expect(view.message).toMatch(/^Prometheus answers but has no recent broker metrics \(newest point \d\d:\d\d:\d\d UTC\)/);
    expect(chartView({ window: { from: first, to: last }, stepMs: 5_000, readings: [], source: "prometheus", error: null }).message).toMatch(/no broker series in this window/);
  });

  it("unavailable names the error and whether stored readings are shown; failed readings draw nothing", () => {
    const failed = failedReading(last, "http://p", "PROMETHEUS_UNREACHABLE", "cannot reach Prometheus at http://p", 1);
    const stored = chartView({ window: { from: first, to: last }, stepMs: 5_000, readings: [...readings, failed], source: "stored", error: "cannot reach Prometheus at http://p" });
    expect(stored).toMatchObject({ state: "unavailable", source: "stored" });
    expect(stored.points).toHaveLength(readings.length);
    expect(stored.message).toMatch(/^Prometheus does not answer \(cannot reach Prometheus at http:\/\/p\): showing the readings Ripcord stored with its evidence samples, newest \d\d:\d\d:\d\d UTC \((\d+ s|\d+ min( \d\d s)?) old\)\.$/);
    const none = chartView({ window: { from: first, to: last }, stepMs: 5_000, readings: [failed], source: "stored", error: "timeout" });
    expect(none.points).toEqual([]);
    expect(none.message).toBe("Prometheus does not answer (timeout): no stored readings cover the window.");
  });

  it("the step keeps a window under MAX_POINTS points, never finer than the floor", () => {
    expect(chartStepMs(0, 10 * 60_000, 5_000)).toBe(5_000);
    const day = chartStepMs(0, 24 * 3_600_000, 5_000);
    expect((24 * 3_600_000) / day).toBeLessThanOrEqual(MAX_POINTS);
  });
});
