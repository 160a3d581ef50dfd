import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORTH_INVESTIGATING } from "@/lib/domain/diagnosis/rank";
import { SCENARIOS } from "@/lib/server/drills/scenarios";
import { stopSamplers } from "@/lib/server/evidence/get-sampler";
import { signedIn } from "../incidents/support";
import { brokers } from "../kafka/fixtures";
import { expectOneStory, liveIncident, readConsistent } from "./one-engine.support";

/**
 * Issue 12's acceptance on the real Kafka, for every single-broker drill scenario (the hung
 * consumer among them; broker-down and leader-churn run on three brokers in
 * one-engine-3node.integration.test.ts): while the drill runs, the incident's severity
 * proposal, diagnosis, checklist and verification and the group API report the same time lag
 * and lag growth — they read the same evidence — and none contradicts another.
 */
describe("one evidence engine: every judgement of a live drill incident tells the same story", () => {
  let commander: Awaited<ReturnType<typeof signedIn>>;
  beforeAll(async () => {
    commander = await signedIn("commander");
  });
  afterAll(() => stopSamplers());

  // The drills whose cause only broker metrics show need a Prometheus scraping the brokers:
  // they run with a real one in tests/integration/metrics/drills-metrics.integration.test.ts.
  for (const scenario of SCENARIOS.filter((s) => s.needsNodes === 1 && !s.needsMetrics)) {
    it(`${scenario.id}: the same time lag and growth everywhere, no contradiction${scenario.injectedCause ? `, ${scenario.injectedCause} first` : ", nothing to investigate"}`, async () => {
      const { running, incidentId, established } = await liveIncident(scenario, commander, brokers());
      try {
        const r = await readConsistent(commander, incidentId, running.groups);
        expectOneStory(r, running.groups);
        const ranking = JSON.stringify(r.diagnosis.causes.map((c) => [c.id, c.score]));
        expect(established, `the condition never showed in the evidence; ranking ${ranking}`).toBe(true);
        if (scenario.injectedCause) {
          expect(r.diagnosis.causes[0]?.id, ranking).toBe(scenario.injectedCause);
          expect(r.diagnosis.suggested).toBe(scenario.injectedCause);
        } else {
          expect(r.diagnosis.causes.filter((c) => c.score >= WORTH_INVESTIGATING), ranking).toEqual([]);
          expect(["SEV3", "SEV4"]).toContain(r.severity.level);
        }
        if (scenario.id === "hung-consumer") {
          // members alive and heartbeating, nothing committed: consumer.stopped, no poison-record item
          const g = r.groups[running.groups[0]!]!.group;
          expect(g.members).toBeGreaterThan(0);
          expect(r.diagnosis.causes[0]?.reasons.join(" ")).toMatch(/alive and heartbeating/);
          expect(r.checklist.items.map((i) => i.id)).not.toContain("control.isolate-poison");
        }
      } finally {
        await running.stop();
      }
    });
  }
});
