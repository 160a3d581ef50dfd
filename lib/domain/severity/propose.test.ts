import { describe, it, expect } from "vitest";
import { computeSignals } from "@/lib/domain/evidence/signals";
import type { EvidenceSignals } from "@/lib/domain/evidence/signal-types";
import * as S from "@/lib/domain/testing/scenarios";
import { compareToAccepted, proposeSeverity, RECOVERY_HORIZON_SECONDS } from "./propose";
import { QUESTION_IDS } from "./questions";

const billing = { groups: ["billing"] };

describe("proposeSeverity: the level", () => {
  it.each([
    ["healthy", S.healthy, "billing"],
    ["quiet caught up", S.quietCaughtUp, "nightly"],
    ["KIP-848 moving", S.kip848DeadButMoving, "billing-next"],
  ] as const)("%s is SEV4 with a no-SLO-at-risk reason", (_n, make, name) => {
    const p = proposeSeverity(computeSignals(make()), { scope: { groups: [name] } });
    expect(p.level).toBe("SEV4");
    expect(p.reasons.map((r) => r.text).join(" ")).toMatch(/no SLO at risk/);
  });
  it("never goes above SEV3 for a healthy group, whatever people answer", () => {
    const p = proposeSeverity(computeSignals(S.healthy()), {
      scope: billing,
      commander: { answers: { businessImpact: "yes", writesAtRisk: "yes" } },
      streams: [{ group: "billing", tier: "critical", freshnessSloSeconds: 60 }],
    });
    expect(p.level).toBe("SEV3");
  });
  it("SEV1 when writes fail (under min ISR, offline)", () => {
    const p = proposeSeverity(computeSignals(S.underReplicated()));
    expect(p.level).toBe("SEV1");
    expect(p.reasons[0]?.evidence).toBe("signal:cluster.underMinIsr");
    expect(p.answers.writesAtRisk).toMatchObject({ answer: "yes", source: "kafka" });
  });
  it("SEV1 when retention already deleted unread data, and the answers table agrees", () => {
    const p = proposeSeverity(computeSignals(S.retentionLost()), { scope: billing });
    expect(p.level).toBe("SEV1");
    expect(p.reasons[0]?.text).toMatch(/9,200 records deleted/);
    expect(p.answers.recoveryConstrained.answer).toBe("yes");
    expect(p.questions.map((q) => q.id)).toContain("dataUnrecoverable");
  });
  it("freshness breach: SEV1 for critical, SEV2 otherwise; half the SLO is SEV3", () => {
    const sig = computeSignals(S.slowProcessing()); // max time lag ~17.6 s
    const at = (tier: "critical" | "standard", slo: number) => proposeSeverity(sig, { scope: billing, streams: [{ group: "billing", tier, freshnessSloSeconds: slo }] });
    expect(at("critical", 10).level).toBe("SEV1");
    expect(at("critical", 10).answers.freshnessBreached).toMatchObject({ answer: "yes", source: "kafka" });
    expect(at("standard", 10).level).toBe("SEV2");
    expect(at("standard", 30).level).toBe("SEV3");
    expect(at("standard", 30).answers.freshnessBreached.answer).toBe("no");
  });
  it("the commander's SLO wins over the catalog's, and the evidence names where the SLO came from", () => {
    const sig = computeSignals(S.slowProcessing());
    const streams = [{ group: "billing", tier: "critical" as const, freshnessSloSeconds: 10 }];
    const catalog = proposeSeverity(sig, { scope: billing, streams });
    expect(catalog.answers.freshnessBreached.evidence.join(" ")).toMatch(/ownership catalog/);
    const generous = proposeSeverity(sig, { scope: billing, streams, commander: { freshnessSloSeconds: 600 } });
    expect(generous.answers.freshnessBreached.answer).toBe("no");
    expect(generous.answers.freshnessBreached.evidence.join(" ")).toMatch(/from the commander/);
    expect(generous.level).not.toBe("SEV1");
  });
  it("growing backlog: SEV2 for important workloads, SEV3 and a question when the tier is unknown", () => {
    const sig = computeSignals(S.stopped());
    const important = proposeSeverity(sig, { scope: billing, streams: [{ topic: "orders", tier: "important" }] });
    expect(important.level).toBe("SEV2");
    expect(important.answers.businessImpact).toMatchObject({ answer: "yes", source: "catalog" });
    const unknown = proposeSeverity(sig, { scope: billing });
    expect(unknown.level).toBe("SEV3");
    expect(unknown.questions.map((q) => q.id)).toContain("tier:billing");
    expect(unknown.answers.backlogGrowing).toMatchObject({ answer: "yes", source: "kafka" });
    expect(unknown.reasons.find((r) => /backlog of/.test(r.text))).toMatchObject({ question: "backlogGrowing", source: "kafka", level: "SEV3" });
  });
  it("people's answers: a yes raises one level (once, however many say yes); writes failing is SEV1; answered questions leave the list", () => {
    const sig = computeSignals(S.stopped());
    const p = proposeSeverity(sig, { scope: billing, commander: { answers: { businessImpact: "yes", downstreamAffected: "yes", timeSensitive: "yes" } } });
    expect(p.level).toBe("SEV2");
    expect(p.reasons.some((r) => r.evidence === "answer:businessImpact" && r.source === "commander")).toBe(true);
    expect(p.answers.businessImpact).toMatchObject({ answer: "yes", source: "commander" });
    expect(p.questions.map((q) => q.id)).not.toContain("businessImpact");
    expect(proposeSeverity(sig, { scope: billing, commander: { answers: { writesAtRisk: "yes" } } }).level).toBe("SEV1");
  });
  it("notes capped recovery when members idle", () => {
    const p = proposeSeverity(computeSignals(S.insufficientPartitions()), { scope: { groups: ["sessionizer"] } });
    expect(p.reasons.some((r) => /4 members for 2 partitions/.test(r.text))).toBe(true);
  });
  it("accepts a diagnosis scope as well as an incident's topics and groups, with the same result", () => {
    const sig = computeSignals(S.stopped());
    expect(proposeSeverity(sig, { scope: { kind: "group", name: "billing" } })).toEqual(proposeSeverity(sig, { scope: billing }));
  });
});

describe("proposeSeverity: one horizon, no contradiction between the table and the level", () => {
  const withExpiry = (secondsUntilExpiry: number) => {
    const sig = computeSignals(S.stopped());
    const g = sig.groups[0]!;
    return {
      ...sig,
      groups: [{ ...g, partitions: g.partitions.map((p) => ({ ...p, retention: { kind: "expires-before-drain" as const, secondsUntilExpiry, secondsToDrain: null } })) }],
    } satisfies EvidenceSignals;
  };
  it("a deadline inside the horizon is SEV1 and 'recovery constrained: yes'", () => {
    const p = proposeSeverity(withExpiry(RECOVERY_HORIZON_SECONDS - 60), { scope: billing });
    expect(p.level).toBe("SEV1");
    expect(p.answers.recoveryConstrained.answer).toBe("yes");
  });
  it("a deadline beyond the horizon is not SEV1, and the table quotes it instead of claiming headroom", () => {
    const p = proposeSeverity(withExpiry(7 * 86400), { scope: billing });
    expect(p.level).not.toBe("SEV1");
    expect(p.answers.recoveryConstrained.answer).toBe("no");
    const said = p.answers.recoveryConstrained.evidence.join(" ");
    expect(said).toMatch(/deletes unread records in 7 d/);
    expect(said).not.toMatch(/enough headroom/);
  });
  it("every answer comes from a known question and every reason names one", () => {
    for (const make of [S.healthy, S.stopped, S.retentionLost, S.underReplicated, S.poison]) {
      const p = proposeSeverity(computeSignals(make()));
      expect(Object.keys(p.answers).sort()).toEqual([...QUESTION_IDS].sort());
      for (const r of p.reasons) expect(QUESTION_IDS).toContain(r.question);
    }
  });
});

describe("compareToAccepted", () => {
  it("says when evidence points elsewhere", () => {
    expect(compareToAccepted({ level: "SEV1" }, "SEV3")).toMatchObject({ differs: true, direction: "higher" });
    expect(compareToAccepted({ level: "SEV4" }, "SEV2")).toMatchObject({ differs: true, direction: "lower" });
    expect(compareToAccepted({ level: "SEV2" }, "SEV2")).toMatchObject({ differs: false, message: null });
    expect(compareToAccepted({ level: "SEV2" }, null).differs).toBe(false);
  });
});

describe("proposeSeverity without evidence", () => {
  it("does not claim a healthy scope when no sample exists; answers are not capped; unknowns are carried", () => {
    const p = proposeSeverity(null, { unknowns: ["the sampler has not seen billing yet"] });
    expect(p.level).toBe("SEV3");
    expect(p.reasons[0]?.text).toMatch(/no Kafka evidence/);
    expect(p.reasons.map((r) => r.text).join(" ")).not.toMatch(/no SLO at risk/);
    expect(p.unknowns).toEqual(["the sampler has not seen billing yet"]);
    expect(p.evidenceTakenAt).toBeNull();
    expect(Object.values(p.answers).every((a) => a.answer === "unknown")).toBe(true);
    expect(proposeSeverity(null, { commander: { answers: { writesAtRisk: "yes" } } }).level).toBe("SEV1");
  });
});
