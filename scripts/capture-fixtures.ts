/**
 * Captures real-broker snapshot histories for the domain unit tests:
 *   npx tsx -C react-server scripts/capture-fixtures.ts [--brokers HOST:PORT] [--only ID[,ID]]
 * Runs each drill scenario (broker-down only on a local 3-node cluster) and writes its history to
 * lib/domain/__fixtures__/<scenario>.json as ClusterSnapshot[]: only the scenario's topics and
 * groups (sampling is restricted to them), the random run prefix replaced by `drill-<scenario>`,
 * volatile fields (requestCount, durationMs, clusterId, member hosts) normalised. Refuses to
 * write a fixture whose run did not pass (injected cause not first / healthy not quiet).
 */
import fs from "node:fs";
import path from "node:path";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { KafkaGatewayError } from "@/lib/server/kafka/errors";
import { SCENARIOS } from "@/lib/server/drills/scenarios";
import { runScenario, type DrillResult } from "@/lib/server/drills/run-scenario";
import { UsageError, defaultBrokers, localNodeControl, parseBrokers, probe } from "./drills-cli";

const OUT = path.resolve(import.meta.dirname, "..", "lib", "domain", "__fixtures__");

export function normalise(result: DrillResult): ClusterSnapshot[] {
  const stable = `drill-${result.scenario.id}`;
  const text = JSON.stringify(result.history).split(result.prefix).join(stable);
  const history = JSON.parse(text) as ClusterSnapshot[];
  return history.map((s) => {
    const { requestCount: _r, durationMs: _d, ...rest } = s;
    return {
      ...rest,
      clusterId: "drill-cluster",
      groups: rest.groups.map((g) => ({ ...g, members: g.members.map((m) => ({ ...m, host: "/127.0.0.1" })) })),
    };
  });
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  let brokers = defaultBrokers();
  let only: string[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--brokers") brokers = parseBrokers(argv[++i]);
    else if (argv[i] === "--only") only = (argv[++i] ?? "").split(",");
    else throw new UsageError(`unknown argument ${argv[i]}`);
  }
  const cluster = await probe(brokers);
  const nodes = localNodeControl(brokers);
  fs.mkdirSync(OUT, { recursive: true });
  let failed = 0;
  for (const s of SCENARIOS.filter((x) => !only || only.includes(x.id))) {
    if (s.needsNodes > cluster.brokers || (s.needsNodes > 1 && !nodes)) {
      console.log(`${s.id}: skipped, needs KAFKA_NODES=3`);
      continue;
    }
    let result: DrillResult;
    try {
      result = await runScenario(s, { brokers, nodes });
    } catch (error) {
      failed++;
      console.log(`${s.id}: NOT written, the run failed: ${(error as Error).message.split("\n")[0]}`);
      continue;
    }
    if (!result.passed) {
      failed++;
      console.log(`${s.id}: NOT written, the run did not pass (top ${result.diagnosis.causes[0]?.id ?? "none"})`);
      continue;
    }
    const file = path.join(OUT, `${s.id}.json`);
    fs.writeFileSync(file, JSON.stringify(normalise(result), null, 1) + "\n");
    console.log(`${s.id}: ${result.history.length} snapshots → ${path.relative(process.cwd(), file)}`);
  }
  return failed > 0 ? 3 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof KafkaGatewayError || error instanceof UsageError ? error.message : error instanceof Error ? error.message : String(error);
    console.error(`capture-fixtures: ${message.split("\n")[0]}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
