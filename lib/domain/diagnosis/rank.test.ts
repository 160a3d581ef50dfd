import { describe, it, expect } from "vitest";
import { computeSignals } from "@/lib/domain/evidence/signals";
import { SCENARIOS, healthy, poison, stopped, brokerDown, configChange } from "@/lib/domain/testing/scenarios";
import { diagnose, diagnoseAll, scoreVerdicts, WORTH_INVESTIGATING } from "./rank";
import { CANONICAL_LEAF_IDS } from "./tree";

describe("scenario drills rank their injected cause first", () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))("%s", (_name, s) => {
    const d = diagnose(computeSignals(s.history), { scope: s.scope });
    if (s.topCause === null) expect(d.causes).toEqual([]);
    else expect(d.causes[0]?.id).toBe(s.topCause);
    for (const c of d.causes) {
      expect(c.score).toBeGreaterThanOrEqual(WORTH_INVESTIGATING);
      expect(CANONICAL_LEAF_IDS as readonly string[]).toContain(c.id);
      expect(c.reasons.length).toBeGreaterThan(0);
    }
  });
});

describe("ranking", () => {
  it("is deterministic and sorted best first, ties by id", () => {
    const sig = computeSignals(brokerDown());
    const a = diagnose(sig, { scope: { kind: "group", name: "ledger" } });
    const b = diagnose(sig, { scope: { kind: "group", name: "ledger" } });
    expect(a).toEqual(b);
    const scores = a.causes.map((c) => c.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    const tie = scoreVerdicts([
      { checkId: "answer", leafId: "b.leaf", verdict: "supported", weight: 0.5, reason: "x" },
      { checkId: "answer", leafId: "a.leaf", verdict: "supported", weight: 0.5, reason: "y" },
    ]);
    expect(tie.causes.map((c) => c.id)).toEqual(["a.leaf", "b.leaf"]);
  });
  it("rules out stopped when offsets move, with the reason", () => {
    const d = diagnose(computeSignals(poison()), { scope: { kind: "group", name: "billing" } });
    const out = d.ruledOut.find((r) => r.id === "consumer.stopped");
    expect(out?.reasons[0]).toMatch(/advance at/);
    expect(d.causes.map((c) => c.id)).not.toContain("consumer.stopped");
  });
  it("quotes numbers in reasons", () => {
    const d = diagnose(computeSignals(poison()), { scope: { kind: "group", name: "billing" } });
    expect(d.causes[0]?.reasons[0]).toMatch(/orders\[1\] stuck at offset 1000 for 1 min 50 s \(lag 5500\)/);
  });
  it("human answers feed question-only leaves", () => {
    const sig = computeSignals(healthy());
    const d = diagnose(sig, { scope: { kind: "group", name: "billing" }, answers: [{ leafId: "processor.late-events", answer: "yes", note: "aggregates off by 3%" }] });
    expect(d.causes.map((c) => c.id)).toEqual(["processor.late-events"]);
    const no = diagnose(sig, { scope: { kind: "group", name: "billing" }, answers: [{ leafId: "producer.duplicates", answer: "no", note: "idempotent" }] });
    expect(no.ruledOut.map((r) => r.id)).toContain("producer.duplicates");
  });
  it("timeline events lining up with the lag start support change leaves", () => {
    const h = stopped();
    const sig = computeSignals(h);
    const lagStart = sig.groups[0]?.lagStartedAt ?? 0;
    const d = diagnose(sig, {
      scope: { kind: "group", name: "billing" },
      events: [
        { kind: "deploy", at: lagStart - 60_000, service: "billing" },
        { kind: "schema-change", at: lagStart - 3 * 3_600_000, topic: "orders" },
      ],
    });
    expect(d.causes.map((c) => c.id)).toContain("change.bad-deploy");
    expect(d.causes.find((c) => c.id === "change.bad-deploy")?.reasons[0]).toMatch(/lines up with the lag start/);
    expect(d.ruledOut.map((r) => r.id)).toContain("change.schema-incompatible");
  });
  it("a schema change aligned with a stuck partition outranks the plain poison record", () => {
    const sig = computeSignals(poison());
    const d = diagnose(sig, { scope: { kind: "group", name: "billing" }, events: [{ kind: "schema-change", at: sig.windowStart - 30_000, topic: "orders" }] });
    expect(d.causes.slice(0, 2).map((c) => c.id).sort()).toEqual(["change.schema-incompatible", "consumer.poison-record"]);
  });
});

describe("diagnoseAll (docs/contracts.md §3)", () => {
  it("has no entries for a healthy cluster", () => {
    expect(diagnoseAll(computeSignals(healthy()))).toEqual([]);
  });
  it("has one entry per troubled group plus the cluster on broker trouble", () => {
    const all = diagnoseAll(computeSignals(brokerDown()));
    expect(all.map((e) => e.scope)).toEqual([
      { kind: "group", name: "ledger" },
      { kind: "cluster", name: "test-cluster" },
    ]);
    expect(all[1]?.causes[0]?.id).toBe("broker.down");
    expect(Object.keys(all[0] ?? {}).sort()).toEqual(["causes", "ruledOut", "scope"]);
  });
  it("reports config changes at cluster scope", () => {
    const all = diagnoseAll(computeSignals(configChange()));
    expect(all).toHaveLength(1);
    expect(all[0]?.causes[0]?.id).toBe("change.config");
  });
});
