import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildHistory } from "@/lib/domain/testing/fixtures";
import { healthy, retentionLost, stopped } from "@/lib/domain/testing/scenarios";
import { assembleReading } from "@/lib/domain/broker-metrics/reading";
import captured from "@/lib/domain/broker-metrics/__fixtures__/answers-4.3.1.json";
import { decodeSample, encodeSample, indexKeyframe } from "./encode-sample";

describe("encodeSample / decodeSample", () => {
  it.each([
    ["healthy", healthy()],
    ["stopped", stopped()],
    ["retentionLost", retentionLost()],
  ])("round-trips every snapshot of %s, keyframe and deltas", (_name, history) => {
    const key = indexKeyframe(history[0]!);
    expect(decodeSample(encodeSample(history[0]!, null), null)).toEqual(stripOptional(history[0]!));
    for (const s of history.slice(1)) expect(decodeSample(encodeSample(s, key), key)).toEqual(stripOptional(s));
  });

  it("keeps topics and groups that appeared after the keyframe, and changed members and configs", () => {
    const history = buildHistory({
      samples: 3,
      topics: [{ name: "a", partitions: 2, produce: () => 5, configs: (i) => ({ "retention.ms": String(1000 * (i + 1)) }) }],
      groups: [{ id: "g", topic: "a", consume: () => 3, members: (i) => (i < 2 ? [{ id: "m1", partitions: [0, 1] }] : []) }],
    });
    const key = indexKeyframe({ ...history[0]!, topics: [], groups: [] });
    for (const s of history) expect(decodeSample(encodeSample(s, key), key)).toEqual(stripOptional(s));
  });

  it("stores a quiet delta in far fewer bytes than its keyframe", () => {
    const history = buildHistory({
      samples: 2,
      topics: Array.from({ length: 200 }, (_, i) => ({ name: `t${i}`, partitions: 5, produce: () => 0, initialEnd: () => 1_000_000 + i })),
      groups: Array.from({ length: 100 }, (_, i) => ({ id: `g${i}`, topic: `t${i}`, consume: () => 0 })),
    });
    const keyframe = encodeSample(history[0]!, null);
    const delta = encodeSample(history[1]!, indexKeyframe(history[0]!));
    expect(delta.length).toBeLessThan(keyframe.length / 2);
    expect(keyframe.length).toBeLessThan(gzipSync(JSON.stringify(history[0])).length);
  });

  it("keeps the broker metrics read with a sample (figures and states; the catalog gives back PromQL-free notes)", () => {
    const [a, b] = healthy();
    const reading = assembleReading({ at: captured.at, url: "http://127.0.0.1:9090", answers: captured.answers as never, brokers: captured.brokers, labelNames: captured.labelNames, durationMs: 9 });
    const withMetrics = { ...b!, brokerMetrics: reading };
    const back = decodeSample(encodeSample(withMetrics, indexKeyframe(a!)), indexKeyframe(a!));
    expect(back.brokerMetrics?.brokers).toEqual(reading.brokers);
    expect(back.brokerMetrics?.metrics.map((m) => m.state)).toEqual(reading.metrics.map((m) => m.state));
    expect(decodeSample(encodeSample(b!, null), null).brokerMetrics).toBeUndefined();
  });

  it("refuses a delta without its keyframe", () => {
    const [a, b] = healthy();
    expect(() => decodeSample(encodeSample(b!, indexKeyframe(a!)), null)).toThrow(/keyframe/);
  });
});

/** The encoder writes requestCount/durationMs only when present, rack as null. */
function stripOptional<T extends { brokers: { rack?: string | null }[] }>(s: T): T {
  return { ...s, brokers: s.brokers.map((b) => ({ ...b, rack: b.rack ?? null })) };
}
