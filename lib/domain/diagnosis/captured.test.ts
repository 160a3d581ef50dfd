import { describe, expect, it } from "vitest";
import { CAPTURED } from "@/lib/domain/__fixtures__";
import { computeSignals } from "@/lib/domain/evidence/signals";
import { proposeSeverity } from "@/lib/domain/severity/propose";
import { diagnose, WORTH_INVESTIGATING } from "./rank";

/** Diagnosis on snapshot histories captured from a real broker by the drills (scripts/capture-fixtures.ts). */
describe("diagnosis on captured real-broker fixtures", () => {
  for (const f of CAPTURED.filter((x) => x.cause !== null)) {
    it(`${f.id}: ${f.cause} ranks first`, () => {
      const d = diagnose(computeSignals(f.history), { scope: f.scope });
      expect(d.causes[0]?.id, JSON.stringify(d.causes.map((c) => [c.id, c.score]))).toBe(f.cause);
      expect(d.causes[0]?.score).toBeGreaterThanOrEqual(WORTH_INVESTIGATING);
      expect(d.causes[0]?.reasons.length).toBeGreaterThan(0);
      // deterministic: the same evidence gives the same ranking
      expect(diagnose(computeSignals(f.history), { scope: f.scope }).causes).toEqual(d.causes);
    });
  }

  it.each(["healthy", "healthy-metrics"])("%s: no cause passes the threshold and the proposal is neither SEV1 nor SEV2", (id) => {
    const f = CAPTURED.find((x) => x.id === id)!;
    const signals = computeSignals(f.history);
    expect(diagnose(signals, { scope: f.scope }).causes).toEqual([]);
    expect(["SEV3", "SEV4"]).toContain(proposeSeverity(signals, { scope: f.scope }).level);
  });

  it("late-joiner: a consumer that joined at the log end raises no cause and no SEV1/SEV2", () => {
    const f = CAPTURED.find((x) => x.id === "late-joiner")!;
    const signals = computeSignals(f.history);
    expect(diagnose(signals, { scope: f.scope }).causes).toEqual([]);
    expect(["SEV3", "SEV4"]).toContain(proposeSeverity(signals, { scope: f.scope }).level);
  });

  it("hung-consumer: heartbeating members with every offset frozen are consumer.stopped, not a poison record", () => {
    const f = CAPTURED.find((x) => x.id === "hung-consumer")!;
    const signals = computeSignals(f.history);
    expect(signals.groups[0]).toMatchObject({ memberCount: 1, state: "Stable" });
    const d = diagnose(signals, { scope: f.scope });
    expect(d.causes[0]?.id).toBe("consumer.stopped");
    expect(d.causes.find((c) => c.id === "consumer.poison-record")?.score ?? 0).toBeLessThan(d.causes[0]!.score);
  });

  it("healthy with broker metrics: they were read (every sample answered), and no broker check supports a cause", () => {
    const f = CAPTURED.find((x) => x.id === "healthy-metrics")!;
    const signals = computeSignals(f.history);
    expect(signals.brokerMetrics).toMatchObject({ source: "prometheus", state: "ok", readings: f.history.length });
    const d = diagnose(signals, { scope: f.scope });
    expect(d.verdicts.filter((v) => /^(broker\.|producer\.throttle)/.test(v.checkId) && v.verdict === "supported")).toEqual([]);
  });

  it("poison-record: the captured evidence rules out a stopped consumer", () => {
    const f = CAPTURED.find((x) => x.id === "poison-record")!;
    const d = diagnose(computeSignals(f.history), { scope: f.scope });
    expect(d.ruledOut.map((r) => r.id)).toContain("consumer.stopped");
  });

  it("broker-down: offline partitions propose SEV1", () => {
    const f = CAPTURED.find((x) => x.id === "broker-down")!;
    expect(proposeSeverity(computeSignals(f.history), { scope: f.scope }).level).toBe("SEV1");
  });

  it("retention: records already lost propose SEV1", () => {
    const f = CAPTURED.find((x) => x.id === "retention")!;
    expect(proposeSeverity(computeSignals(f.history), { scope: f.scope }).level).toBe("SEV1");
  });
});
