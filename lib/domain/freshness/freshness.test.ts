import { describe, expect, it } from "vitest";
import { CAPTURED } from "@/lib/domain/__fixtures__";
import { computeSignals } from "@/lib/domain/evidence/signals";
import type { GroupSignals } from "@/lib/domain/evidence/signal-types";
import { DEFAULT_THRESHOLDS, evaluateStream, HEALTHY, stepWatch, type WatchThresholds } from "./rules";
import type { RuleTrip } from "./types";

/** The captured drills are ~14 s long: thresholds scaled down to fit them (the rules are the same). */
const SHORT: WatchThresholds = { ...DEFAULT_THRESHOLDS, noCommitSeconds: 8, zeroThroughputSeconds: 8, recoverySeconds: 30 };

function captured(id: string): { group: GroupSignals; takenAt: number; windowSeconds: number } {
  const f = CAPTURED.find((x) => x.id === id)!;
  const s = computeSignals(f.history);
  return { group: s.groups.find((g) => g.groupId === f.scope.name)!, takenAt: s.takenAt, windowSeconds: s.windowSeconds };
}
const evaluate = (id: string, slo: number | null, thresholds = SHORT) => {
  const c = captured(id);
  return { ...c, trips: evaluateStream(c.group, { group: c.group.groupId, freshnessSloSeconds: slo }, thresholds, { takenAt: c.takenAt, sampleIntervalMs: 1500, windowSeconds: c.windowSeconds }) };
};

describe("freshness watch rules on evidence captured from a real broker", () => {
  it("silent stop (group Empty, input on): freshness SLO and zero throughput, with the breach start where the evidence puts it", () => {
    const { trips, takenAt, group } = evaluate("silent-stop", 5);
    expect(trips.map((t) => t.rule).sort()).toEqual(["freshness-slo", "zero-throughput"]);
    const slo = trips.find((t) => t.rule === "freshness-slo")!;
    // the oldest waiting record is maxTimeLag old: it crossed the 5 s SLO (maxTimeLag − 5) s ago
    expect(slo.since).toBe(Math.round(takenAt - (group.maxTimeLagSeconds! - 5) * 1000));
    expect(slo.text).toMatch(/over the 5 s freshness SLO/);
    const zero = trips.find((t) => t.rule === "zero-throughput")!;
    expect(zero.since).toBeLessThan(slo.since);
    expect(zero.text).toMatch(/none is processed \(0 member\(s\), state Empty\)/);
  });

  it("a group whose SLO is not breached yet trips only what its throughput says", () => {
    expect(evaluate("silent-stop", 60).trips.map((t) => t.rule)).toEqual(["zero-throughput"]);
    expect(evaluate("silent-stop", 60, { ...SHORT, zeroThroughputSeconds: 60 }).trips).toEqual([]);
  });

  it("caught-up and healthy groups trip nothing, whatever the SLO", () => {
    expect(evaluate("healthy", 1).trips).toEqual([]);
    expect(evaluate("rebalance-storm", 1).trips).toEqual([]);
    expect(evaluate("producer-drop", 1).trips).toEqual([]);
  });

  it("a slow but committing consumer trips the SLO only; a poison record on one partition is not 'nothing committed'", () => {
    expect(evaluate("slow-sink", 5).trips.map((t) => t.rule)).toEqual(["freshness-slo"]);
    expect(evaluate("slow-sink", 60).trips).toEqual([]);
    expect(evaluate("poison-record", null).trips.map((t) => t.rule)).not.toContain("no-commit");
  });

  it("no-commit: members alive, no partition with waiting records committed for the threshold", () => {
    const { group, takenAt, windowSeconds } = captured("silent-stop");
    // the same evidence, as if the member were still there: a hung consumer
    const hung: GroupSignals = { ...group, memberCount: 1, state: "Stable" };
    const trips = evaluateStream(hung, { group: hung.groupId, freshnessSloSeconds: null }, SHORT, { takenAt, sampleIntervalMs: 1500, windowSeconds });
    expect(trips.map((t) => t.rule).sort()).toEqual(["no-commit", "zero-throughput"]);
    expect(trips.find((t) => t.rule === "no-commit")?.text).toMatch(/1 member\(s\) alive, nothing committed for \d+ s while 639 records wait/);
    // not before N sampling intervals, however short the seconds threshold
    expect(evaluateStream(hung, { group: hung.groupId, freshnessSloSeconds: null }, { ...SHORT, noCommitSeconds: 1, noCommitIntervals: 20 }, { takenAt, sampleIntervalMs: 1500, windowSeconds }).map((t) => t.rule)).not.toContain("no-commit");
  });
});

describe("near-zero processing is judged over the whole window", () => {
  it("a consumer hung a few seconds ago (it processed normally before) is the no-commit rule's, not near-zero's with the window's start", () => {
    // hung-consumer: stuck 11 s, window 13.5 s; with the zero threshold between the two only the
    // near-zero branch could fire, and its start would be the window's, before the hang
    const trips = evaluate("hung-consumer", null, { ...SHORT, noCommitSeconds: 4, noCommitIntervals: 2, zeroThroughputSeconds: 12 }).trips;
    expect(trips.map((t) => t.rule)).toEqual(["no-commit"]);
  });
});

describe("breach episodes", () => {
  const trip = (since: number): RuleTrip[] => [{ rule: "freshness-slo", since, text: "t" }];
  it("opens on the first tripping sample, holds through a short recovery, and ends only after the recovery period", () => {
    let s = HEALTHY;
    const events: (string | null)[] = [];
    const step = (trips: RuleTrip[], at: number) => {
      const r = stepWatch(s, trips, at * 1000, SHORT);
      s = r.next;
      events.push(r.event);
    };
    step([], 0);
    step(trip(5_000), 10);
    expect(s).toMatchObject({ status: "breached", breachStartedAt: 5_000, detectedAt: 10_000 });
    step(trip(4_000), 11); // an earlier start seen later keeps the earliest
    step([], 12); // flaps
    step(trip(4_500), 14); // and breaches again within the recovery period: the same breach
    step([], 20);
    step([], 49);
    expect(s.status).toBe("breached");
    step([], 50); // 30 s without a trip
    expect(events).toEqual([null, "breach", null, null, null, null, null, "recovered"]);
    expect(s).toEqual(HEALTHY);
    expect(stepWatch(s, trip(60_000), 61_000, SHORT).event).toBe("breach");
  });
});
