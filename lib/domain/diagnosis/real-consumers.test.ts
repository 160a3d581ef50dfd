import { describe, expect, it } from "vitest";
import { SLOW_REAL_CONSUMERS, captured } from "@/lib/domain/__fixtures__";
import { computeSignals } from "@/lib/domain/evidence/signals";
import { diagnose, WORTH_INVESTIGATING } from "./rank";
import { leafById } from "./tree";

/**
 * Consumers as real code writes them (issue 15), captured from real clients on a real broker
 * (scripts/fixture-scenarios.ts REAL_CONSUMERS): they process partitions in turns, so a slow
 * one's partitions each stand still for a while. That must read as slow processing, never as a
 * poison record; a real poison record (one partition stuck across many turns) still must.
 */
const SLOW_LEAVES = ["consumer.slow-processing", "consumer.sink-bottleneck"];
/** the real incident read "poison record" for 8 minutes: the ranking must hold sample after sample, not only at the end. */
const FROM_SAMPLE = 15;

describe("slow real consumers: slow processing first, never a poison record", () => {
  for (const id of SLOW_REAL_CONSUMERS) {
    const f = captured(id);
    const signals = computeSignals(f.history);
    const g = signals.groups.find((x) => f.scope.kind === "group" && x.groupId === f.scope.name)!;
    const d = diagnose(signals, { scope: f.scope });
    const ranking = JSON.stringify(d.causes.map((c) => [c.id, c.score]));

    it(`${id}: the capture holds the shape that was misread (a partition stalled while others advance, fewer members than partitions)`, () => {
      expect(g.partitions.some((p) => p.status === "stalled")).toBe(true);
      expect(g.partitions.some((p) => !p.committedFrozen && (p.consumeRatePerSec ?? 0) > 0)).toBe(true);
      expect(g.memberCount).toBeLessThan(g.partitionCount);
      expect(g.consumeRatePerSec!).toBeLessThan(g.inputRatePerSec!);
    });

    it(`${id}: slow processing or a slow sink ranks first; a poison record is not a cause`, () => {
      expect(SLOW_LEAVES, ranking).toContain(d.causes[0]?.id);
      expect(d.causes[0]!.score).toBeGreaterThanOrEqual(WORTH_INVESTIGATING);
      expect(d.causes.map((c) => c.id), ranking).not.toContain("consumer.poison-record");
    });

    it(`${id}: the poison check is contradicted or weak, quoting how long the member's other partitions stand still`, () => {
      const poison = d.verdicts.filter((v) => v.leafId === "consumer.poison-record");
      expect(poison.length).toBeGreaterThan(0);
      for (const v of poison) {
        expect(v.verdict === "contradicted" || v.weight < WORTH_INVESTIGATING, v.reason).toBe(true);
        expect(v.reason).toMatch(/stuck at offset \d+ for .+ \(lag \d+\).* other partition\(s\) advanced in \d+ sample\(s\) since .* stood still at most \d/);
      }
    });

    it(`${id}: at every sample from the ${FROM_SAMPLE}th on (a window of 45 s and more), poison never ranked; whatever ranks first is slow processing`, () => {
      for (let n = FROM_SAMPLE; n <= f.history.length; n++) {
        const at = diagnose(computeSignals(f.history.slice(0, n)), { scope: f.scope });
        const seen = `${n} samples: ${JSON.stringify(at.causes.map((c) => [c.id, c.score]))}`;
        if (at.causes.length > 0) expect(at.causes[0]?.id, seen).toBe("consumer.slow-processing");
        expect(at.causes.map((c) => c.id), seen).not.toContain("consumer.poison-record");
      }
    });

    it(`${id}: no ranked cause warns against scaling consumers (${g.memberCount} member for ${g.partitionCount} partitions)`, () => {
      for (const c of d.causes) expect(leafById(c.id)?.wrongMitigations ?? [], `${c.id} ${c.score}`).not.toContain("scale-consumers");
      expect(leafById(d.causes[0]!.id)?.mitigations).toContain("scale-consumers");
    });
  }
});

describe("a real poison record among them", () => {
  it("poison-java: poison record first, stuck across many turns while the member's other partitions pass it", () => {
    const f = captured("poison-java");
    const d = diagnose(computeSignals(f.history), { scope: f.scope });
    expect(d.causes[0]?.id, JSON.stringify(d.causes.map((c) => [c.id, c.score]))).toBe("consumer.poison-record");
    const v = d.verdicts.find((x) => x.leafId === "consumer.poison-record" && x.verdict === "supported");
    expect(v?.weight).toBe(0.85);
    expect(v?.reason).toMatch(/^drill-poison-java-events\[1\] stuck at offset \d+ for .+ advanced in \d+ sample\(s\) since .+ stood still at most \d+ s .+: stuck across many turns/);
  });
});
