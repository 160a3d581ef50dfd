import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapServers, down, kafkaSettings, startNode, stopNode, up } from "../../../scripts/kafka/local-kafka.mjs";
import { portOf } from "../../../scripts/lib/ports.mjs";
import type { NodeControl, Scenario } from "@/lib/server/drills/kit";
import { brokerDown, leaderChurn } from "@/lib/server/drills/scenarios";
import { resetEnvForTests } from "@/lib/server/env";
import { stopSamplers } from "@/lib/server/evidence/get-sampler";
import { closeAllGateways } from "@/lib/server/kafka/registry";
import { signedIn } from "../incidents/support";
import { expectOneStory, liveIncident, readConsistent } from "./one-engine.support";

/**
 * The three-broker drills of issue 12's acceptance (see one-engine.integration.test.ts): on
 * this file's own 3-node cluster, which the server's sampler is pointed at.
 */
const settings = kafkaSettings({ ...process.env, KAFKA_PORT: String(portOf("KAFKA_ONE_ENGINE_3NODE_PORT", 7650)), KAFKA_NODES: "3" });

describe("one evidence engine on three brokers: broker down, leader churn", () => {
  let list: string[] = [];
  let commander: Awaited<ReturnType<typeof signedIn>>;
  const previous = process.env.KAFKA_BROKERS;
  const nodes: NodeControl = { stop: async (id) => void (await stopNode(settings, id)), start: (id) => startNode(settings, id) };

  beforeAll(async () => {
    await up(settings, () => {});
    list = bootstrapServers(settings).split(",");
    stopSamplers();
    process.env.KAFKA_BROKERS = list.join(",");
    resetEnvForTests();
    commander = await signedIn("commander");
  }, 240_000);

  afterAll(async () => {
    stopSamplers();
    await closeAllGateways();
    process.env.KAFKA_BROKERS = previous;
    resetEnvForTests();
    await down(settings, { clean: true }, () => {});
  }, 240_000);

  const cases: [Scenario, string][] = [
    [leaderChurn, "cluster.controller-churn"],
    [brokerDown, "broker.down"],
  ];
  for (const [scenario, cause] of cases) {
    it(`${scenario.id}: the same numbers everywhere, no contradiction, ${cause} first`, async () => {
      const { running, incidentId, established } = await liveIncidentOn(scenario);
      try {
        const r = await readConsistent(commander, incidentId, running.groups);
        expectOneStory(r, running.groups);
        const ranking = JSON.stringify(r.diagnosis.causes.map((c) => [c.id, c.score]));
        expect(established, ranking).toBe(true);
        expect(r.diagnosis.causes[0]?.id, ranking).toBe(cause);
        if (scenario.id === "broker-down") expect(r.severity.level).toBe("SEV1");
      } finally {
        await running.stop();
      }
    }, 240_000);
  }

  function liveIncidentOn(scenario: Scenario) {
    return liveIncident({ ...scenario, start: (ctx) => scenario.start({ ...ctx, nodes }) }, commander, list);
  }
});
