/**
 * Runs every drill scenario in turn and prints, per scenario, the injected cause, its rank in
 * the diagnosis, the top cause and the proposed severity, plus the healthy baseline line:
 *   npm run drills:report [-- --brokers HOST:PORT[,HOST:PORT]] [--only ID[,ID]] [--interval SECONDS]
 * broker-down and leader-churn run only when --brokers (or KAFKA_BROKERS) is a local 3-node cluster
 * (KAFKA_NODES=3 npm run kafka:up); otherwise its line says it was skipped and why.
 * Exit codes: 0 every scenario that ran passed, 3 some did not (injected cause not rank 1, or the
 * healthy baseline raised a cause / proposed SEV1-2), 1 Kafka unreachable, 2 bad arguments.
 */
import { KafkaGatewayError } from "@/lib/server/kafka/errors";
import { SCENARIOS } from "@/lib/server/drills/scenarios";
import { runScenario, type DrillResult } from "@/lib/server/drills/run-scenario";
import { WORTH_INVESTIGATING } from "@/lib/domain/diagnosis/rank";
import { NEEDS_METRICS, UsageError, brokerMetricsFromEnv, causeLabel, defaultBrokers, localNodeControl, parseBrokers, parseSeconds, probe, table } from "./drills-cli";

const USAGE = "usage: drills:report [--brokers HOST:PORT[,HOST:PORT]] [--only ID[,ID]] [--interval SECONDS]";

function parseArgs(argv: string[]) {
  let brokers: string[] | null = null;
  let only: string[] | null = null;
  let interval = 1.5;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const [flag, inline] = raw.startsWith("--") && raw.includes("=") ? [raw.slice(0, raw.indexOf("=")), raw.slice(raw.indexOf("=") + 1)] : [raw, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--brokers") brokers = parseBrokers(value());
    else if (flag === "--interval") interval = parseSeconds("--interval", value(), 0.5, 60);
    else if (flag === "--only") {
      const v = value();
      if (!v || v.startsWith("--")) throw new UsageError("--only needs scenario ids");
      only = v.split(",");
      const unknown = only.filter((id) => !SCENARIOS.some((s) => s.id === id));
      if (unknown.length) throw new UsageError(`unknown scenario(s) ${unknown.join(", ")} (known: ${SCENARIOS.map((s) => s.id).join(", ")})`);
    } else if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new UsageError(`unknown argument ${flag}`);
  }
  return { brokers: brokers ?? defaultBrokers(), only, intervalMs: interval * 1000 };
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`drills:report: ${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  const { brokers } = args;
  const cluster = await probe(brokers);
  const nodes = localNodeControl(brokers);
  const brokerMetrics = brokerMetricsFromEnv();
  const rows: string[][] = [];
  let failures = 0;
  const scenarios = SCENARIOS.filter((s) => !args.only || args.only.includes(s.id));
  console.error(`drills:report: ${scenarios.length} scenario(s) on ${brokers.join(",")} (${cluster.brokers} broker(s))`);
  for (const s of scenarios) {
    const injected = s.injectedCause ?? "none (healthy baseline)";
    if (s.needsNodes > cluster.brokers || (s.needsNodes > 1 && !nodes)) {
      rows.push([s.id, s.seed, injected, "-", `skipped: needs KAFKA_NODES=3 (a local 3-node cluster; ${brokers.join(",")} has ${cluster.brokers} broker(s))`, "-", "SKIPPED"]);
      continue;
    }
    if (s.needsMetrics && !brokerMetrics) {
      rows.push([s.id, s.seed, injected, "-", `skipped: ${NEEDS_METRICS}`, "-", "SKIPPED"]);
      continue;
    }
    const t0 = Date.now();
    let result: DrillResult;
    try {
      result = await runScenario(s, { brokers, nodes, brokerMetrics, intervalMs: args.intervalMs });
    } catch (error) {
      failures++;
      rows.push([s.id, s.seed, injected, "-", `error: ${(error as Error).message.split("\n")[0]}`, "-", "FAIL"]);
      console.error(`  ${s.id}: error after ${Math.round((Date.now() - t0) / 1000)} s`);
      continue;
    }
    if (!result.passed) failures++;
    const top = result.diagnosis.causes[0];
    const rank = s.injectedCause === null ? "-" : result.rankOfInjectedCause === null ? `not past ${WORTH_INVESTIGATING}` : String(result.rankOfInjectedCause);
    const topText = s.injectedCause === null ? (top ? `${causeLabel(top)} past the threshold` : `no cause past ${WORTH_INVESTIGATING}`) : causeLabel(top);
    rows.push([s.id, s.seed, injected, rank, topText, result.severity.level, result.passed ? "PASS" : "FAIL"]);
    console.error(`  ${s.id}: ${result.passed ? "pass" : "FAIL"} in ${Math.round((Date.now() - t0) / 1000)} s (${result.history.length} samples)`);
  }
  console.log(table(["scenario", "seed", "injected cause", "rank", "top cause (score)", "severity", "result"], rows));
  const healthy = rows.find((r) => r[0] === "healthy");
  if (healthy) console.log(`\nhealthy baseline: ${healthy[4]}, proposed ${healthy[5]} (must be no cause past ${WORTH_INVESTIGATING} and neither SEV1 nor SEV2): ${healthy[6]}`);
  return failures > 0 ? 3 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof KafkaGatewayError ? error.message : error instanceof Error ? error.message : String(error);
    console.error(`drills:report: ${message.split("\n")[0]}`);
    process.exit(1);
  },
);
