/**
 * Runs one drill scenario on a real Kafka and prints the diagnosis and severity live:
 *   npm run drill -- <scenario> [--brokers HOST:PORT[,HOST:PORT]] [--duration SECONDS] [--interval SECONDS] [--events]
 * --brokers defaults to KAFKA_BROKERS, then 127.0.0.1:9092. --duration sets the window (default:
 * the scenario's planned samples × interval). --events feeds the runner's recorded timeline
 * events (the poison drill's schema change) to the diagnosis.
 * Cleans up everything it created at the end or on Ctrl-C. Exit codes: 0 injected cause ranked
 * first (healthy: nothing past the threshold), 3 it did not, 1 Kafka error, 2 bad arguments.
 */
import { KafkaGatewayError } from "@/lib/server/kafka/errors";
import { SCENARIOS, findScenario } from "@/lib/server/drills/scenarios";
import { runScenario } from "@/lib/server/drills/run-scenario";
import { NEEDS_METRICS, UsageError, brokerMetricsFromEnv, causeLabel, defaultBrokers, describeVerdict, localNodeControl, parseBrokers, parseSeconds, probe } from "./drills-cli";

const USAGE = `usage: drill <scenario> [--brokers HOST:PORT] [--duration SECONDS] [--interval SECONDS] [--events]\nscenarios: ${SCENARIOS.map((s) => s.id).join(", ")}`;

function parseArgs(argv: string[]) {
  let id: string | null = null;
  let brokers: string[] | null = null;
  let duration: number | null = null;
  let interval = 1.5;
  let events = false;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const [flag, inline] = raw.startsWith("--") && raw.includes("=") ? [raw.slice(0, raw.indexOf("=")), raw.slice(raw.indexOf("=") + 1)] : [raw, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--brokers") brokers = parseBrokers(value());
    else if (flag === "--duration") duration = parseSeconds("--duration", value(), 5, 3600);
    else if (flag === "--interval") interval = parseSeconds("--interval", value(), 0.5, 60);
    else if (flag === "--events") events = true;
    else if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (flag.startsWith("-")) throw new UsageError(`unknown flag ${flag}`);
    else if (id === null) id = flag;
    else throw new UsageError(`unexpected argument "${flag}" (one scenario at a time)`);
  }
  if (id === null) throw new UsageError("name a scenario");
  const scenario = findScenario(id);
  if (!scenario) throw new UsageError(`unknown scenario "${id}"`);
  const samples = duration === null ? undefined : Math.max(3, Math.round(duration / interval));
  return { scenario, brokers: brokers ?? defaultBrokers(), samples, intervalMs: interval * 1000, events };
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`drill: ${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  const { scenario, brokers } = args;
  const where = brokers.join(",");
  const brokerMetrics = brokerMetricsFromEnv();
  if (scenario.needsMetrics && !brokerMetrics) {
    console.error(`drill: ${scenario.id} ${NEEDS_METRICS}`);
    return 2;
  }
  const cluster = await probe(brokers);
  const nodes = scenario.needsNodes > 1 ? localNodeControl(brokers) : null;
  if (scenario.needsNodes > cluster.brokers || (scenario.needsNodes > 1 && !nodes)) {
    console.error(`drill: ${scenario.id} needs KAFKA_NODES=3: a local 3-node cluster started with KAFKA_NODES=3 npm run kafka:up (${where} has ${cluster.brokers} broker(s)${nodes ? "" : ", none it can stop"})`);
    return 2;
  }
  const abort = new AbortController();
  const onSignal = () => {
    if (abort.signal.aborted) return;
    console.error("\ndrill: interrupted, cleaning up…");
    abort.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  console.log(`drill ${scenario.id}: ${scenario.title} (seed ${scenario.seed}) on ${where}; injected cause: ${scenario.injectedCause ?? "none (healthy baseline)"}`);
  const result = await runScenario(scenario, {
    brokers,
    nodes,
    brokerMetrics,
    samples: args.samples,
    intervalMs: args.intervalMs,
    withEvents: args.events,
    signal: abort.signal,
    log: (line) => console.log(`  · ${line}`),
    onSample: (p) => {
      const rank = scenario.injectedCause === null ? "" : ` rank ${p.rankOfInjectedCause ?? "-"} |`;
      console.log(`[${String(p.index + 1).padStart(2)}/${p.planned}]${rank} ${describeVerdict(p)}${p.established ? "" : " (condition not yet visible)"}`);
    },
  });
  console.log(`cleaned up ${result.prefix}-* (${result.topics.length} topic(s), ${result.groups.length} group(s))`);
  const top = result.diagnosis.causes[0];
  console.log(`result: top cause ${causeLabel(top)}; injected ${scenario.injectedCause ?? "none"} rank ${result.rankOfInjectedCause ?? "-"}; severity ${result.severity.level}: ${result.passed ? "PASS" : "FAIL"}`);
  for (const r of top?.reasons ?? []) console.log(`  - ${r}`);
  return result.passed ? 0 : 3;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof KafkaGatewayError ? error.message : error instanceof Error ? error.message : String(error);
    console.error(`drill: ${message.split("\n")[0]}`);
    process.exit(1);
  },
);
