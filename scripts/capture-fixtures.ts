/**
 * Captures real-broker snapshot histories for the domain unit tests:
 *   npx tsx -C react-server scripts/capture-fixtures.ts [--brokers HOST:PORT] [--only ID[,ID]]
 * Runs each drill scenario (broker-down only on a local 3-node cluster), and the non-drill
 * conditions of scripts/fixture-scenarios.ts, and writes its history to
 * lib/domain/__fixtures__/<scenario>.json as ClusterSnapshot[]: only the scenario's topics and
 * groups (sampling is restricted to them), the random run prefix replaced by `drill-<scenario>`,
 * volatile fields (requestCount, durationMs, clusterId, member hosts) normalised. Refuses to
 * write a fixture whose run did not pass (injected cause not first / healthy not quiet).
 * With PROMETHEUS_URL set, every snapshot carries the broker metrics read with it (url and read
 * duration normalised) and is written as <scenario>-metrics.json, beside the metric-less capture.
 * Capture those on a freshly started broker (kafka:down, kafka:up): its latency percentiles then
 * hold no earlier run.
 */
import fs from "node:fs";
import path from "node:path";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { KafkaGatewayError } from "@/lib/server/kafka/errors";
import { SCENARIOS } from "@/lib/server/drills/scenarios";
import { runScenario, type DrillResult } from "@/lib/server/drills/run-scenario";
import { NEEDS_METRICS, UsageError, brokerMetricsFromEnv, defaultBrokers, localNodeControl, parseBrokers, probe } from "./drills-cli";
import { REAL_CONSUMERS, lateJoiner } from "./fixture-scenarios";

const OUT = path.resolve(import.meta.dirname, "..", "lib", "domain", "__fixtures__");

export function normalise(result: DrillResult): ClusterSnapshot[] {
  const stable = `drill-${result.scenario.id}`;
  const text = JSON.stringify(result.history).split(result.prefix).join(stable);
  const history = JSON.parse(text) as ClusterSnapshot[];
  return history.map((s) => {
    const { requestCount: _r, durationMs: _d, brokerMetrics, ...rest } = s;
    return {
      ...rest,
      ...(brokerMetrics ? { brokerMetrics: { ...brokerMetrics, url: "http://prometheus:9090", durationMs: 0 } } : {}),
      clusterId: "drill-cluster",
      groups: rest.groups.map((g) => ({ ...g, members: g.members.map((m) => ({ ...m, host: "/127.0.0.1" })) })),
    };
  });
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  let brokers = defaultBrokers();
  let only: string[] | null = null;
  // --keep-failed writes a run that did not pass too (to look at a misdiagnosis), marked in the log
  let keepFailed = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--brokers") brokers = parseBrokers(argv[++i]);
    else if (argv[i] === "--keep-failed") keepFailed = true;
    else if (argv[i] === "--only") only = (argv[++i] ?? "").split(",");
    else throw new UsageError(`unknown argument ${argv[i]}`);
  }
  const cluster = await probe(brokers);
  const nodes = localNodeControl(brokers);
  const brokerMetrics = brokerMetricsFromEnv();
  fs.mkdirSync(OUT, { recursive: true });
  let failed = 0;
  for (const s of [...SCENARIOS, lateJoiner, ...REAL_CONSUMERS].filter((x) => !only || only.includes(x.id))) {
    if (s.needsNodes > cluster.brokers || (s.needsNodes > 1 && !nodes)) {
      console.log(`${s.id}: skipped, needs KAFKA_NODES=3`);
      continue;
    }
    if (s.needsMetrics && !brokerMetrics) {
      console.log(`${s.id}: skipped, ${NEEDS_METRICS}`);
      continue;
    }
    let result: DrillResult;
    try {
      result = await runScenario(s, { brokers, nodes, brokerMetrics });
    } catch (error) {
      failed++;
      console.log(`${s.id}: NOT written, the run failed: ${(error as Error).message.split("\n")[0]}`);
      continue;
    }
    if (!result.passed && !keepFailed) {
      failed++;
      console.log(`${s.id}: NOT written, the run did not pass (top ${result.diagnosis.causes[0]?.id ?? "none"})`);
      continue;
    }
    // A capture with broker metrics (PROMETHEUS_URL) is written beside the metric-less one.
    const file = path.join(OUT, `${s.id}${brokerMetrics ? "-metrics" : ""}.json`);
    fs.writeFileSync(file, JSON.stringify(normalise(result), null, 1) + "\n");
    if (!result.passed) console.log(`${s.id}: did not pass (top ${result.diagnosis.causes.map((c) => `${c.id} ${c.score}`).slice(0, 3).join(", ")}), written (--keep-failed)`);
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
