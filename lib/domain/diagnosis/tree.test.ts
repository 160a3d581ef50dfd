import { describe, it, expect } from "vitest";
import { CANONICAL_LEAF_IDS, CHECK_IDS, LEAVES, MITIGATIONS, leafById, wrongMitigationWarning } from "./tree";

describe("root-cause tree", () => {
  it("holds every canonical leaf id exactly once", () => {
    const ids = LEAVES.map((l) => l.id);
    for (const id of CANONICAL_LEAF_IDS) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it("gives every leaf confirm and rule-out evidence, mitigations and a wrong approach", () => {
    for (const l of LEAVES) {
      expect(l.confirm.length, l.id).toBeGreaterThan(0);
      expect(l.ruleOut.length, l.id).toBeGreaterThan(0);
      expect(l.mitigations.length, l.id).toBeGreaterThan(0);
      expect(l.wrongApproach.length, l.id).toBeGreaterThan(10);
      expect(l.path[l.path.length - 1]).toBe(l.id);
      for (const m of [...l.mitigations, ...l.wrongMitigations]) expect(Object.keys(MITIGATIONS)).toContain(m);
      for (const m of l.wrongMitigations) expect(l.mitigations, `${l.id} both recommends and warns ${m}`).not.toContain(m);
    }
  });
  it("references only implemented checks, and every check is referenced", () => {
    const used = new Set(LEAVES.flatMap((l) => [...l.confirm, ...l.ruleOut]).flatMap((e) => (e.kind === "check" ? [e.checkId] : [])));
    for (const id of CHECK_IDS) expect(used, id).toContain(id);
  });
  it("question-only leaves are not automatic", () => {
    expect(leafById("producer.duplicates")?.automatic).toBe(false);
    expect(leafById("consumer.stopped")?.automatic).toBe(true);
  });
  it("warns about the seed's wrong approach", () => {
    expect(wrongMitigationWarning("topic.partition-skew", "scale-consumers")).toMatch(/wrong approach for Hot partition/);
    expect(wrongMitigationWarning("consumer.sink-bottleneck", "restart-consumers")).not.toBeNull();
    expect(wrongMitigationWarning("topic.partition-skew", "rekey")).toBeNull();
  });
});
