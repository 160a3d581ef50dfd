/**
 * Incident routes benchmark (issue 12):  npm run --silent bench:incident [-- --brokers HOST:PORT] [--requests N] [--json]
 *
 * On the cluster at --brokers (default KAFKA_BROKERS, else 127.0.0.1:KAFKA_PORT) a live incident
 * is made the way a drill makes one: the poison-record scenario (one partition stuck behind an
 * undecodable record while the others move, input continuing) runs on the real broker, and a
 * production server (`next start` on the current build, its own SQLite file, its own evidence
 * sampler) gets an incident whose scope is the scenario's topic and group. Once the server's
 * sampler has a few samples of the scope, each route is requested N times in turn, one request
 * at a time, and the wall time of each answer is recorded:
 *
 *   GET /api/incidents/{id}/severity/evaluation
 *   GET /api/incidents/{id}/diagnosis
 *   GET /api/incidents/{id}/mitigation           (the checklist with its preconditions)
 *
 * Prints p50, p95 and max per route (ms); with --json the last line is one JSON object
 * {routes: {<route>: {n, p50Ms, p95Ms, maxMs}}, samplesBefore, build}. A benchmark, not a test:
 * it prints figures and exits 0 whatever they are (non-zero only when it could not measure).
 */
import { spawnSync } from "node:child_process";
import { execFileSync } from "node:child_process";
import { poisonRecord } from "@/lib/server/drills/scenarios";
import type { RunningScenario } from "@/lib/server/drills/kit";
import { percentile } from "@/lib/domain/metrics/stats";
import { ServerProcess } from "../../tests/support/server-process";
import { kafkaSettings } from "../kafka/local-kafka.mjs";
import { buildIsStale } from "../lib/build-state.mjs";
import { portOf } from "../lib/ports.mjs";

interface Args {
  brokers: string;
  requests: number;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { brokers: process.env.KAFKA_BROKERS || `127.0.0.1:${kafkaSettings().port}`, requests: 20, json: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--brokers") args.brokers = argv[++i] ?? args.brokers;
    else if (flag === "--requests") args.requests = Math.max(1, Number(argv[++i] ?? 20));
    else if (flag === "--json") args.json = true;
    else throw new Error(`unknown flag ${flag}`);
  }
  return args;
}

const say = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const ROUTES = ["severity/evaluation", "diagnosis", "mitigation"] as const;
type RouteName = (typeof ROUTES)[number];

interface RouteFigures {
  n: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  /** HTTP statuses other than 200, counted (a figure is only worth reading when this is 0). */
  failures: number;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const stale = buildIsStale(process.cwd());
  if (stale) {
    say(`building the dashboard (${stale})…`);
    const built = spawnSync("npx", ["next", "build"], { stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (built.status !== 0) throw new Error("next build failed");
  }
  const build = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  const brokers = args.brokers.split(",");
  say(`starting the poison-record scenario on ${args.brokers}…`);
  const running: RunningScenario = await poisonRecord.start({ brokers, log: () => undefined });
  const server = new ServerProcess(portOf("BENCH_INCIDENT_PORT", 3398), { name: "bench-incident", env: { KAFKA_BROKERS: args.brokers } });
  try {
    server.freshDatabase();
    await server.start();
    const setup = await fetch(`${server.url}/api/auth/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "bench@ripcord.test", name: "Bench", password: "bench-password-long" }),
    });
    if (setup.status !== 201) throw new Error(`first-run setup failed: ${setup.status}`);
    const cookie = (setup.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    // Inject the poison record (the scenario's phase at 15 % of its window) and keep traffic going.
    for (let i = 0; i < poisonRecord.samples; i++) await running.tick(i, poisonRecord.samples);
    const opened = await fetch(`${server.url}/api/incidents`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ title: "Bench: orders partition stuck", scope: { topics: running.topics, groups: running.groups, services: [] } }),
    });
    if (opened.status !== 201) throw new Error(`opening the incident failed: ${opened.status} ${await opened.text()}`);
    const incidentId = ((await opened.json()) as { incident: { id: string } }).incident.id;

    // Let the server's own sampler (10 s cadence) see the scope a few times: a live incident.
    const deadline = Date.now() + 120_000;
    let samples = 0;
    while (Date.now() < deadline) {
      const res = await fetch(`${server.url}/api/cluster`, { headers: { cookie } });
      if (res.status === 200) samples = ((await res.json()) as { sampler: { samples: number } }).sampler.samples;
      if (samples >= 4) break;
      await sleep(1_000);
    }
    say(`the server's sampler has ${samples} samples; timing ${args.requests} requests per route…`);

    const figures = {} as Record<RouteName, RouteFigures>;
    for (const route of ROUTES) {
      const times: number[] = [];
      let failures = 0;
      // one warm-up request (route compilation, first DB read), not counted
      await fetch(`${server.url}/api/incidents/${incidentId}/${route}`, { headers: { cookie } }).then((r) => r.arrayBuffer());
      for (let i = 0; i < args.requests; i++) {
        const started = performance.now();
        const res = await fetch(`${server.url}/api/incidents/${incidentId}/${route}`, { headers: { cookie } });
        await res.arrayBuffer();
        times.push(performance.now() - started);
        if (res.status !== 200) failures++;
      }
      const round = (n: number | null) => (n === null ? null : Math.round(n));
      figures[route] = { n: times.length, p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), maxMs: round(Math.max(...times)), failures };
      say(`${route.padEnd(20)} p50 ${figures[route].p50Ms} ms  p95 ${figures[route].p95Ms} ms  max ${figures[route].maxMs} ms  (${failures} non-200)`);
    }
    const out = { build, samplesBefore: samples, routes: figures };
    if (args.json) process.stdout.write(`${JSON.stringify(out)}\n`);
    return 0;
  } finally {
    server.cleanup();
    await running.stop().catch((error: unknown) => say(`cleanup: ${(error as Error).message}`));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`bench:incident: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
