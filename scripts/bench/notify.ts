/**
 * bench:notify — delivery latency of outgoing webhooks: a log entry appended (its createdAt) →
 * a real HTTP receiver on 127.0.0.1 has the delivery. One production server (`next start`, the
 * current build, its notifier and RIPCORD_NOTIFY_WORKERS workers), one json channel as the
 * cluster's default channel, N stakeholder updates posted one after another, BENCH_INTERVAL_MS
 * apart, on one incident. Figures, never a pass/fail on them (only a lost or duplicated delivery
 * exits non-zero).
 *
 *   npm run --silent bench:notify -- [--entries N] [--json] [--database sqlite|postgresql]
 *   --json: the last line is {entries, intervalMs, deliveryP50Ms, deliveryP95Ms, deliveryP99Ms,
 *           deliveryMaxMs, writeP50Ms, writeP95Ms, lost, duplicated, load1}
 *   env: BENCH_INTERVAL_MS (100), BENCH_NOTIFY_PORT (3394), RIPCORD_NOTIFY_WORKERS (the server's, 4)
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { ServerProcess } from "../../tests/support/server-process";
import { Receiver } from "../../tests/integration/notifications/receiver";
import { up as pgUp, pgSettings } from "../pg/local-pg.mjs";
import { portOf } from "../lib/ports.mjs";

const { values: args } = parseArgs({ options: { entries: { type: "string" }, json: { type: "boolean", default: false }, database: { type: "string" } } });
const ENTRIES = Number(args.entries ?? process.env.BENCH_ENTRIES ?? 200);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 100);
const DATABASE = args.database ?? process.env.RIPCORD_TEST_DATABASE ?? "sqlite";
const PORT = portOf("BENCH_NOTIFY_PORT", 3394);
const CLUSTER = "bench-notify";
const EVENT = "stakeholder-update";
const say = (line: string) => console.error(`bench: ${line}`);

if (DATABASE !== "sqlite" && DATABASE !== "postgresql") throw new Error("--database must be sqlite or postgresql");

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

async function main() {
  process.env.RIPCORD_TEST_DATABASE = DATABASE;
  if (DATABASE === "postgresql") await pgUp(pgSettings(), say);
  const server = new ServerProcess(PORT, { name: "bench-notify", env: { KAFKA_CLUSTER_NAME: CLUSTER } });
  server.freshDatabase();
  const receiver = new Receiver();
  // when each delivery of the bench's event arrived, by the entry's seq
  const arrivals = new Map<number, number[]>();
  const entryAt = new Map<number, number>();
  receiver.answer = (r) => {
    const at = Date.now();
    if (r.headers["x-ripcord-event"] === EVENT) {
      const entry = r.json.entry as { seq: number; at: string };
      arrivals.set(entry.seq, [...(arrivals.get(entry.seq) ?? []), at]);
      entryAt.set(entry.seq, Date.parse(entry.at));
    }
    return "ok";
  };
  const receiverUrl = await receiver.start();
  say(`starting a production server on ${DATABASE} at port ${PORT}; receiver at ${receiverUrl}…`);
  await server.start();
  try {
    const call = async (path: string, cookie: string, body: unknown, method = "POST") => {
      const res = await fetch(`${server.url}${path}`, { method, headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res;
    };
    const setup = await fetch(`${server.url}/api/auth/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "bench-notify@ripcord.test", name: "Bench Admin", password: "bench-password-123" }) });
    if (setup.status !== 201) throw new Error(`setup: ${setup.status}`);
    const cookie = (setup.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    await call("/api/notifications/channels", cookie, { name: "bench", url: `${receiverUrl}/hooks/bench`, format: "json" });
    await call(`/api/notifications/routing/${CLUSTER}`, cookie, { defaultChannel: "bench" }, "PUT");
    const opened = await call("/api/incidents", cookie, { title: `bench:notify ${new Date().toISOString()}`, scope: { topics: [], groups: [], services: ["bench"] } });
    const incidentId = ((await opened.json()) as { incident: { id: string } }).incident.id;

    say(`posting ${ENTRIES} stakeholder updates, ${INTERVAL_MS} ms apart…`);
    const posted: number[] = [];
    const writes: number[] = [];
    const nextUpdateAt = new Date(Date.now() + 3_600_000).toISOString();
    for (let i = 0; i < ENTRIES; i++) {
      const t0 = performance.now();
      const res = await call(`/api/incidents/${incidentId}/updates`, cookie, { known: `bench update ${i}: orders-sink is behind.`, impact: `Checkout dashboards stale (update ${i}).`, next: "Keep watching the lag.", nextUpdateAt });
      writes.push(performance.now() - t0);
      posted.push(((await res.json()) as { entry: { seq: number } }).entry.seq);
      if (INTERVAL_MS > 0) await new Promise((r) => setTimeout(r, INTERVAL_MS));
    }
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && posted.some((s) => !arrivals.has(s))) await new Promise((r) => setTimeout(r, 50));
    // a moment more, so a duplicate sent late is counted
    await new Promise((r) => setTimeout(r, 2_000));

    const delays = posted.filter((s) => arrivals.has(s)).map((s) => arrivals.get(s)![0]! - entryAt.get(s)!);
    const lost = posted.filter((s) => !arrivals.has(s)).length;
    const duplicated = posted.reduce((n, s) => n + Math.max(0, (arrivals.get(s)?.length ?? 0) - 1), 0);
    const load1 = Number(loadavg()[0]!.toFixed(1));
    const result = {
      entries: ENTRIES,
      intervalMs: INTERVAL_MS,
      database: DATABASE,
      deliveryP50Ms: pct(delays, 50),
      deliveryP95Ms: pct(delays, 95),
      deliveryP99Ms: pct(delays, 99),
      deliveryMaxMs: Math.max(...delays),
      writeP50Ms: Math.round(pct(writes, 50)),
      writeP95Ms: Math.round(pct(writes, 95)),
      lost,
      duplicated,
      load1,
    };
    say(`entry appended → receiver has it: p50 ${result.deliveryP50Ms} ms, p95 ${result.deliveryP95Ms} ms, p99 ${result.deliveryP99Ms} ms, max ${result.deliveryMaxMs} ms over ${delays.length} deliveries`);
    say(`write (POST …/updates acknowledged): p50 ${result.writeP50Ms} ms, p95 ${result.writeP95Ms} ms; lost ${lost}, duplicated ${duplicated}; load average ${load1} (${DATABASE})`);
    if (args.json) console.log(JSON.stringify(result));
    if (lost || duplicated) process.exitCode = 1;
  } finally {
    await server.cleanup();
    await receiver.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
