import { describe, it, expect } from "vitest";
import { computeSignals } from "@/lib/domain/evidence/signals";
import * as S from "@/lib/domain/testing/scenarios";
import { compareToAccepted, proposeSeverity } from "./propose";

const billing = { kind: "group" as const, name: "billing" };

describe("proposeSeverity", () => {
  it.each([
    ["healthy", S.healthy, "billing"],
    ["quiet caught up", S.quietCaughtUp, "nightly"],
    ["KIP-848 moving", S.kip848DeadButMoving, "billing-next"],
  ] as const)("%s is SEV4 with a no-SLO-at-risk reason", (_n, make, name) => {
    const p = proposeSeverity(computeSignals(make()), { scope: { kind: "group", name } });
    expect(p.proposed).toBe("SEV4");
    expect(p.reasons.map((r) => r.text).join(" ")).toMatch(/no SLO at risk/);
  });
  it("never goes above SEV3 for a healthy group, whatever people answer", () => {
    const p = proposeSeverity(computeSignals(S.healthy()), {
      scope: billing,
      answers: [{ question: "business-impact", answer: "yes" }, { question: "writes-failing", answer: "yes" }],
      streams: [{ group: "billing", tier: "critical", freshnessSloSeconds: 60 }],
    });
    expect(p.proposed).toBe("SEV3");
  });
  it("SEV1 when writes fail (under min ISR, offline)", () => {
    const p = proposeSeverity(computeSignals(S.underReplicated()));
    expect(p.proposed).toBe("SEV1");
    expect(p.reasons[0]?.evidence).toBe("signal:cluster.underMinIsr");
  });
  it("SEV1 when retention already deleted unread data", () => {
    const p = proposeSeverity(computeSignals(S.retentionLost()), { scope: billing });
    expect(p.proposed).toBe("SEV1");
    expect(p.reasons[0]?.text).toMatch(/9200 records deleted/);
  });
  it("freshness breach: SEV1 for critical, SEV2 otherwise; half the SLO is SEV3", () => {
    const sig = computeSignals(S.slowProcessing()); // max time lag ~17.6 s
    const at = (tier: "critical" | "standard", slo: number) => proposeSeverity(sig, { scope: billing, streams: [{ group: "billing", tier, freshnessSloSeconds: slo }] }).proposed;
    expect(at("critical", 10)).toBe("SEV1");
    expect(at("standard", 10)).toBe("SEV2");
    expect(at("standard", 30)).toBe("SEV3");
  });
  it("growing backlog: SEV2 for important workloads, SEV3 and a question when the tier is unknown", () => {
    const sig = computeSignals(S.stopped());
    expect(proposeSeverity(sig, { scope: billing, streams: [{ topic: "orders", tier: "important" }] }).proposed).toBe("SEV2");
    const unknown = proposeSeverity(sig, { scope: billing });
    expect(unknown.proposed).toBe("SEV3");
    expect(unknown.questions.map((q) => q.id)).toContain("tier:billing");
  });
  it("human answers raise a non-healthy proposal and are removed from the questions", () => {
    const sig = computeSignals(S.stopped());
    const p = proposeSeverity(sig, { scope: billing, answers: [{ question: "business-impact", answer: "yes", note: "invoices late" }] });
    expect(p.proposed).toBe("SEV2");
    expect(p.reasons.some((r) => r.evidence === "answer:business-impact")).toBe(true);
    expect(p.questions.map((q) => q.id)).not.toContain("business-impact");
  });
  it("notes capped recovery when members idle", () => {
    const p = proposeSeverity(computeSignals(S.insufficientPartitions()), { scope: { kind: "group", name: "sessionizer" } });
    expect(p.reasons.some((r) => /4 members for 2 partitions/.test(r.text))).toBe(true);
  });
});

describe("compareToAccepted", () => {
  it("says when evidence points elsewhere", () => {
    expect(compareToAccepted({ proposed: "SEV1" }, "SEV3")).toMatchObject({ differs: true, direction: "higher" });
    expect(compareToAccepted({ proposed: "SEV4" }, "SEV2")).toMatchObject({ differs: true, direction: "lower" });
    expect(compareToAccepted({ proposed: "SEV2" }, "SEV2")).toMatchObject({ differs: false, message: null });
    expect(compareToAccepted({ proposed: "SEV2" }, null).differs).toBe(false);
  });
});

describe("proposeSeverity without evidence", () => {
  it("does not claim a healthy scope when no sample exists; answers are not capped", async () => {
    const empty = { ...computeSignals(S.healthy()), samples: 0, groups: [], topics: [] };
    const p = proposeSeverity(empty);
    expect(p.proposed).toBe("SEV3");
    expect(p.reasons.map((r) => r.text).join(" ")).not.toMatch(/no SLO at risk/);
    expect(proposeSeverity(empty, { answers: [{ question: "writes-failing", answer: "yes" }] }).proposed).toBe("SEV1");
  });
});
