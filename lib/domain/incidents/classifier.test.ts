import { describe, expect, it } from "vitest";
import { answerFromEvidence, proposeFromAnswers, type ClassifierEvidence } from "./classifier";

const group = (over: Partial<ClassifierEvidence["groups"][number]> = {}): ClassifierEvidence["groups"][number] => ({
  groupId: "billing",
  totalLag: 5000,
  lagGrowthPerSec: 0,
  drain: "not-draining",
  timeToDrainSeconds: null,
  maxTimeLagSeconds: 600,
  memberCount: 0,
  state: "Empty",
  retentionAtRisk: [],
  retentionLost: [],
  ...over,
});
const ev = (over: Partial<ClassifierEvidence> = {}): ClassifierEvidence => ({ takenAt: 1, samples: 2, offlinePartitions: [], underMinIsrPartitions: [], groups: [group()], ...over });

describe("severity classifier", () => {
  it("proposes SEV2 for a lagging group that does not drain while ingestion is durable, with reasons tied to evidence", () => {
    const a = answerFromEvidence(ev());
    expect(a.writesAtRisk.answer).toBe("no");
    expect(a.backlogGrowing).toMatchObject({ answer: "yes", source: "kafka" });
    expect(a.freshnessBreached.answer).toBe("unknown");
    const p = proposeFromAnswers(a);
    expect(p.level).toBe("SEV2");
    expect(p.reasons[0]?.text).toContain("billing: lag 5,000 records, not draining");
  });

  it("proposes SEV1 when partitions are offline or retention will delete unread data", () => {
    expect(proposeFromAnswers(answerFromEvidence(ev({ offlinePartitions: ["orders-0"] }))).level).toBe("SEV1");
    const p = proposeFromAnswers(answerFromEvidence(ev({ groups: [group({ retentionAtRisk: ["orders-1"] })] })));
    expect(p.level).toBe("SEV1");
    expect(p.reasons[0]?.text).toContain("orders-1");
  });

  it("uses the commander's freshness SLO and importance where Kafka cannot answer", () => {
    const a = answerFromEvidence(ev({ groups: [group({ drain: "draining", lagGrowthPerSec: -50, memberCount: 3, timeToDrainSeconds: 100 })] }), {
      freshnessSloSeconds: 300,
      answers: { criticalWorkload: "yes" },
    });
    expect(a.freshnessBreached).toMatchObject({ answer: "yes", source: "kafka" });
    expect(a.criticalWorkload.source).toBe("commander");
    expect(proposeFromAnswers(a).level).toBe("SEV1");
  });

  it("proposes SEV4 when every group is caught up, SEV3 for a non-critical growing backlog", () => {
    expect(proposeFromAnswers(answerFromEvidence(ev({ groups: [group({ totalLag: 0, drain: "caught-up", maxTimeLagSeconds: 0 })] }))).level).toBe("SEV4");
    expect(proposeFromAnswers(answerFromEvidence(ev(), { answers: { criticalWorkload: "no" } })).level).toBe("SEV3");
  });

  it("asks everything of the commander when no evidence could be collected", () => {
    const a = answerFromEvidence(null);
    expect(Object.values(a).every((x) => x.answer === "unknown")).toBe(true);
    expect(proposeFromAnswers(a).level).toBe("SEV3");
  });
});

describe("evidenceFromSignals", () => {
  it("counts a retention deadline as constraining only within the recovery horizon", async () => {
    const { evidenceFromSignals, RECOVERY_HORIZON_SECONDS } = await import("./classifier");
    const partition = (secondsUntilExpiry: number) => ({ topic: "orders", partition: 0, retention: { kind: "expires-before-drain", secondsUntilExpiry, secondsToDrain: null } });
    const signals = (secondsUntilExpiry: number) =>
      ({
        takenAt: 1,
        samples: 2,
        cluster: { offlinePartitions: [], underMinIsr: [] },
        groups: [{ groupId: "billing", topics: ["orders"], totalLag: 150, lagGrowthPerSec: 0, drain: "not-draining", timeToDrainSeconds: null, maxTimeLagSeconds: 5, memberCount: 0, state: "Empty", partitions: [partition(secondsUntilExpiry)] }],
      }) as unknown as Parameters<typeof evidenceFromSignals>[0];
    const scope = { topics: [], groups: ["billing"], services: [] };
    expect(evidenceFromSignals(signals(7 * 86400), scope).groups[0]?.retentionAtRisk).toEqual([]);
    expect(evidenceFromSignals(signals(RECOVERY_HORIZON_SECONDS - 60), scope).groups[0]?.retentionAtRisk).toEqual(["orders-0"]);
  });
});
