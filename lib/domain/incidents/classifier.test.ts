import { describe, expect, it } from "vitest";
import { computeSignals } from "@/lib/domain/evidence/signals";
import { proposeSeverity } from "@/lib/domain/severity/propose";
import * as S from "@/lib/domain/testing/scenarios";
import { answerFromEvidence, classify, engineAnswers, evidenceFromSignals, RECOVERY_HORIZON_SECONDS, type CatalogContext } from "./classifier";

const billing = { topics: [], groups: ["billing"], services: [] };
const catalog = (over: Partial<CatalogContext>): CatalogContext => ({ streams: [], freshnessSloSeconds: null, tier: null, ...over });

describe("severity classifier (level from proposeSeverity)", () => {
  it("gives the same level as the severity engine, with reasons tied to the classifier's questions", () => {
    const signals = computeSignals(S.stopped());
    const c = classify(signals, billing);
    expect(c.level).toBe(proposeSeverity(signals, { scope: { kind: "group", name: "billing" } }).proposed);
    expect(c.level).toBe("SEV3"); // stopped, tier unknown: SEV3 and a question about the tier
    expect(c.questions.map((q) => q.id)).toContain("tier:billing");
    const backlog = c.reasons.find((r) => /billing: backlog of \d+ records/.test(r.text));
    expect(backlog).toMatchObject({ source: "kafka", level: "SEV3" });
    expect(backlog?.question).toMatch(/backlog growing/);
    expect(c.answers.backlogGrowing).toMatchObject({ answer: "yes", source: "kafka" });
  });

  it("uses the catalog's tier and SLO when the commander gave none, and the commander's SLO over the catalog's", () => {
    const signals = computeSignals(S.stopped());
    const important = classify(signals, billing, {}, catalog({ streams: [{ topic: "orders", tier: "important" }], tier: "important" }));
    expect(important.level).toBe("SEV2");
    expect(important.answers.criticalWorkload).toMatchObject({ answer: "yes", source: "catalog" });

    const slow = computeSignals(S.slowProcessing()); // max time lag ~17.6 s
    const fromCatalog = classify(slow, billing, {}, catalog({ streams: [{ group: "billing", tier: "critical", freshnessSloSeconds: 10 }], freshnessSloSeconds: 10, tier: "critical" }));
    expect(fromCatalog.level).toBe("SEV1");
    expect(fromCatalog.answers.freshnessBreached.evidence.join(" ")).toMatch(/ownership catalog/);
    // the commander's SLO (generous) wins over the catalog's
    const fromCommander = classify(slow, billing, { freshnessSloSeconds: 600 }, catalog({ streams: [{ group: "billing", tier: "critical", freshnessSloSeconds: 10 }], freshnessSloSeconds: 10, tier: "critical" }));
    expect(fromCommander.answers.freshnessBreached.answer).toBe("no");
    expect(fromCommander.level).not.toBe("SEV1");
  });

  it("maps the commander's answers onto the engine's human questions", () => {
    expect(engineAnswers({ criticalWorkload: "yes", writesAtRisk: "no", backlogGrowing: "unknown" }).map((a) => [a.question, a.answer])).toEqual([
      ["writes-failing", "no"],
      ["business-impact", "yes"],
    ]);
    const signals = computeSignals(S.stopped());
    const c = classify(signals, billing, { answers: { criticalWorkload: "yes" } });
    expect(c.level).toBe("SEV2"); // SEV3 raised one level by business impact
    expect(c.reasons.some((r) => r.source === "commander" && r.question.startsWith("Is this an important workload"))).toBe(true);
    expect(c.answers.criticalWorkload.source).toBe("commander");
  });

  it("SEV1 when writes fail or retention deleted unread data; SEV4 for a healthy scope whatever people answer about importance", () => {
    expect(classify(computeSignals(S.underReplicated()), { topics: [], groups: [], services: [] }).level).toBe("SEV1");
    const lost = classify(computeSignals(S.retentionLost()), billing);
    expect(lost.level).toBe("SEV1");
    expect(lost.answers.recoveryConstrained.answer).toBe("yes");
    expect(classify(computeSignals(S.healthy()), billing).level).toBe("SEV4");
    expect(classify(computeSignals(S.healthy()), billing, { answers: { criticalWorkload: "yes" } }).level).toBe("SEV3");
  });

  it("without evidence, asks everything and rests on the commander's answers", () => {
    const a = answerFromEvidence(null);
    expect(Object.values(a).every((x) => x.answer === "unknown")).toBe(true);
    const none = classify(null, billing);
    expect(none.level).toBe("SEV3");
    expect(none.reasons[0]?.text).toMatch(/no Kafka evidence/);
    expect(classify(null, billing, { answers: { writesAtRisk: "yes" } }).level).toBe("SEV1");
  });
});

describe("evidenceFromSignals", () => {
  it("counts a retention deadline as constraining only within the recovery horizon", () => {
    const partition = (secondsUntilExpiry: number) => ({ topic: "orders", partition: 0, retention: { kind: "expires-before-drain", secondsUntilExpiry, secondsToDrain: null } });
    const signals = (secondsUntilExpiry: number) =>
      ({
        takenAt: 1,
        samples: 2,
        topics: [],
        cluster: { offlinePartitions: [], underMinIsr: [], underReplicated: [], leaderChanges: [], isrShrinks: [], isrExpands: [], configChanges: [] },
        groups: [{ groupId: "billing", topics: ["orders"], totalLag: 150, lagGrowthPerSec: 0, drain: "not-draining", timeToDrainSeconds: null, maxTimeLagSeconds: 5, memberCount: 0, state: "Empty", partitions: [partition(secondsUntilExpiry)] }],
      }) as unknown as Parameters<typeof evidenceFromSignals>[0];
    expect(evidenceFromSignals(signals(7 * 86400), billing).groups[0]?.retentionAtRisk).toEqual([]);
    expect(evidenceFromSignals(signals(RECOVERY_HORIZON_SECONDS - 60), billing).groups[0]?.retentionAtRisk).toEqual(["orders-0"]);
  });
});
