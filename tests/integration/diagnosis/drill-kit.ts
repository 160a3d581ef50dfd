import { expect } from "vitest";
import type { NodeControl, Scenario } from "@/lib/server/drills/kit";
import { runScenario, type DrillResult } from "@/lib/server/drills/run-scenario";
import { KafkajsGateway } from "@/lib/server/kafka/kafkajs-gateway";
import { WORTH_INVESTIGATING } from "@/lib/domain/diagnosis/rank";

/** Shared by the diagnosis integration tests: run a drill on the real Kafka and check the result. */
export function brokers(): string[] {
  const list = process.env.KAFKA_BROKERS;
  if (!list) throw new Error("KAFKA_BROKERS is not set (tests/integration/setup-env.ts provides it)");
  return list.split(",");
}

export function gatewayFor(list = brokers()): KafkajsGateway {
  return new KafkajsGateway({ brokers: list, clientId: "ripcord-it-drills", connectTimeoutMs: 3000, requestTimeoutMs: 10_000, retries: 2 });
}

export async function drill(scenario: Scenario, opts: { brokers?: string[]; nodes?: NodeControl } = {}): Promise<DrillResult> {
  return runScenario(scenario, { brokers: opts.brokers ?? brokers(), nodes: opts.nodes, intervalMs: 1_500 });
}

/** The injected cause ranks first, past the threshold, with reasons; the explanation is in the failure message. */
export function expectInjectedFirst(result: DrillResult): void {
  const ranking = JSON.stringify(result.diagnosis.causes.map((c) => [c.id, c.score]));
  expect(result.established, `condition never established; ranking ${ranking}`).toBe(true);
  expect(result.diagnosis.causes[0]?.id, ranking).toBe(result.scenario.injectedCause);
  expect(result.rankOfInjectedCause).toBe(1);
  expect(result.diagnosis.causes[0]!.score).toBeGreaterThanOrEqual(WORTH_INVESTIGATING);
  expect(result.diagnosis.causes[0]!.reasons.length).toBeGreaterThan(0);
}

/**
 * Topics and groups whose names start with `prefix` (what a drill run would have left behind).
 * On three brokers a deletion reaches every broker's metadata a little later than the one the
 * drill asked (seen on 3.9 right after partition reassignments): anything still listed is read
 * again for up to `settleMs` before it counts as left behind.
 */
export async function leftovers(prefix: string, list = brokers(), settleMs = 20_000): Promise<{ topics: string[]; groups: string[] }> {
  const gateway = gatewayFor(list);
  try {
    const deadline = Date.now() + settleMs;
    for (;;) {
      const topics = (await gateway.listTopics()).map((t) => t.name).filter((n) => n.startsWith(prefix));
      const groups = (await gateway.listGroups()).map((g) => g.groupId).filter((n) => n.startsWith(prefix));
      if ((topics.length === 0 && groups.length === 0) || Date.now() > deadline) return { topics, groups };
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await gateway.close();
  }
}
