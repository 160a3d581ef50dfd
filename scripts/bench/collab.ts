/**
 * bench:collab — 50 simulated responders post annotations for 60 s against the production
 * server while 50 listeners follow the incident's SSE stream. Reports throughput, write
 * latency, fan-out delay (entry created → listener received) and lost / duplicated entries,
 * which must be zero. Figures, never a pass/fail on them (only lost/duplicated/out-of-order
 * exit non-zero).
 *
 *   npm run --silent bench:collab -- [--seconds N] [--json] [--database sqlite|postgresql] [--instances N]
 *   --json: the last line is {writes, writesPerSec, writeP50Ms, writeP95Ms, writeP99Ms,
 *           fanoutP95Ms, lost, duplicated, …}
 *   --instances 2 (PostgreSQL only): two `next start` on one database; writers and listeners
 *           alternate between them, so half the fan-out crosses instances (LISTEN/NOTIFY).
 *   env: BENCH_WRITERS (50), BENCH_LISTENERS (50), BENCH_PORT (3395, then +1 per instance),
 *        BENCH_URL (reuse running servers, comma-separated; then BENCH_ADMIN_EMAIL / BENCH_ADMIN_PASSWORD sign in)
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { ServerProcess } from "../../tests/support/server-process";
import { up as pgUp, pgSettings } from "../pg/local-pg.mjs";
import { portOf } from "../lib/ports.mjs";

const { values: args } = parseArgs({
  options: { seconds: { type: "string" }, json: { type: "boolean", default: false }, database: { type: "string" }, instances: { type: "string" } },
});
const SECONDS = Number(args.seconds ?? process.env.BENCH_SECONDS ?? 60);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 50);
const LISTENERS = Number(process.env.BENCH_LISTENERS ?? 50);
const INSTANCES = Number(args.instances ?? 1);
const DATABASE = args.database ?? process.env.RIPCORD_TEST_DATABASE ?? "sqlite";
const PORT = portOf("BENCH_PORT", 3395);
const PASSWORD = process.env.BENCH_ADMIN_PASSWORD ?? "bench-password-123";
const ADMIN_EMAIL = process.env.BENCH_ADMIN_EMAIL ?? "bench-admin@ripcord.test";
const say = (line: string) => console.error(`bench: ${line}`);

if (DATABASE !== "sqlite" && DATABASE !== "postgresql") throw new Error("--database must be sqlite or postgresql");
if (INSTANCES > 1 && DATABASE !== "postgresql") throw new Error("several instances need PostgreSQL (--database postgresql): on SQLite one instance is the only supported mode");

const servers: ServerProcess[] = [];
// BENCH_URL: running server(s), comma-separated (e.g. the two instances of an integration test)
const bases: string[] = process.env.BENCH_URL ? process.env.BENCH_URL.split(",") : [];

async function startServers(): Promise<void> {
  process.env.RIPCORD_TEST_DATABASE = DATABASE;
  if (DATABASE === "postgresql") await pgUp(pgSettings(), say);
  const first = new ServerProcess(PORT, { name: "bench-collab" });
  first.freshDatabase();
  servers.push(first);
  for (let i = 1; i < INSTANCES; i++) servers.push(new ServerProcess(PORT + i, { name: "bench-collab", env: { DATABASE_URL: first.databaseUrl } }));
  await Promise.all(servers.map((s) => s.start()));
  bases.push(...servers.map((s) => s.url));
}

async function stopServers(): Promise<void> {
  await Promise.all(servers.map((s) => s.cleanup()));
}

const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}, base = bases[0]): Promise<Response> {
  return fetch(`${base}${url}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

async function adminCookie(): Promise<string> {
  const setup = await postJson("/api/auth/setup", { email: ADMIN_EMAIL, name: "Bench Admin", password: PASSWORD });
  if (setup.status === 201) return cookieOf(setup);
  const login = await postJson("/api/auth/login", { email: ADMIN_EMAIL, password: PASSWORD });
  if (!login.ok) throw new Error(`cannot sign in as ${ADMIN_EMAIL}: ${login.status}`);
  return cookieOf(login);
}

async function userCookie(admin: string, role: string, i: number): Promise<string> {
  const email = `bench-${role}-${i}-${randomUUID().slice(0, 6)}@ripcord.test`;
  const created = await postJson("/api/users", { email, name: `Bench ${role} ${i}`, password: PASSWORD, role }, { cookie: admin });
  if (created.status !== 201) throw new Error(`creating ${email}: ${created.status} ${await created.text()}`);
  const login = await postJson("/api/auth/login", { email, password: PASSWORD });
  if (!login.ok) throw new Error(`signing in ${email}: ${login.status}`);
  return cookieOf(login);
}

// Math.max(...xs) overflows the stack with the ~10^5 fan-out deliveries of a 60 s run.
const maxOf = (xs: Iterable<number>) => {
  let m = -Infinity;
  for (const x of xs) if (x > m) m = x;
  return m;
};

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

interface Listener {
  seqs: number[];
  delays: number[];
  done: Promise<void>;
  abort: AbortController;
  ready: Promise<void>;
}

function listen(incidentId: string, cookie: string, base: string): Listener {
  const abort = new AbortController();
  const seqs: number[] = [];
  const delays: number[] = [];
  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => (markReady = r));
  const done = (async () => {
    const res = await fetch(`${base}/api/incidents/${incidentId}/stream`, { headers: { cookie }, signal: abort.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) return;
        const now = Date.now();
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (block.includes("event: ready")) markReady();
          if (!block.includes("event: entry")) continue;
          const data = block.split("\n").find((l) => l.startsWith("data: "));
          if (!data) continue;
          const entry = JSON.parse(data.slice(6)) as { seq: number; createdAt: string };
          seqs.push(entry.seq);
          delays.push(now - Date.parse(entry.createdAt));
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  })();
  return { seqs, delays, done, abort, ready };
}

async function main() {
  if (!process.env.BENCH_URL) {
    say(`starting ${INSTANCES} production server(s) on ${DATABASE} from port ${PORT}…`);
    await startServers();
  }
  const on = (i: number) => bases[i % bases.length]!;
  const admin = await adminCookie();
  console.error(`bench: creating ${WRITERS} responders and ${LISTENERS} viewers…`);
  const commander = await userCookie(admin, "commander", 0);
  const writers: string[] = [];
  for (let i = 0; i < WRITERS; i++) writers.push(await userCookie(admin, "responder", i));
  const viewers: string[] = [];
  for (let i = 0; i < LISTENERS; i++) viewers.push(await userCookie(admin, "viewer", i));

  const opened = await postJson("/api/incidents", { title: `bench:collab ${new Date().toISOString()}`, scope: { topics: [], groups: [], services: ["bench"] } }, { cookie: commander });
  const incidentId = ((await opened.json()) as { incident: { id: string } }).incident.id;

  const listeners = viewers.map((cookie, i) => listen(incidentId, cookie, on(i)));
  await Promise.all(listeners.map((l) => l.ready));
  console.error(`bench: ${LISTENERS} listeners connected; ${WRITERS} writers posting for ${SECONDS} s…`);

  const latencies: number[] = [];
  const acked = new Set<number>();
  let errors = 0;
  const started = Date.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    writers.map(async (cookie, w) => {
      for (let i = 0; Date.now() < until; i++) {
        const t0 = performance.now();
        const res = await postJson(`/api/incidents/${incidentId}/annotations`, { annotationKind: "observation", body: `responder ${w} note ${i}: lag on partition ${i % 12}`, idempotencyKey: randomUUID() }, { cookie }, on(w + 1));
        const ms = performance.now() - t0;
        if (res.status === 201) {
          latencies.push(ms);
          acked.add(((await res.json()) as { entry: { seq: number } }).entry.seq);
        } else {
          errors++;
          await res.text();
        }
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  const maxAcked = maxOf(acked);
  // let the last fan-out arrive
  const drainDeadline = Date.now() + 10_000;
  while (Date.now() < drainDeadline && listeners.some((l) => !l.seqs.includes(maxAcked))) await new Promise((r) => setTimeout(r, 100));
  listeners.forEach((l) => l.abort.abort());
  await Promise.all(listeners.map((l) => l.done.catch(() => undefined)));

  let lost = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  for (const l of listeners) {
    const seen = new Set<number>();
    l.seqs.forEach((s, i) => {
      if (seen.has(s)) duplicated++;
      seen.add(s);
      if (i > 0 && s <= (l.seqs[i - 1] ?? 0)) outOfOrder++;
    });
    for (const s of acked) if (!seen.has(s)) lost++;
  }
  const detail = (await (await fetch(`${on(0)}/api/incidents/${incidentId}`, { headers: { cookie: commander } })).json()) as { entries: { seq: number }[] };
  const stored = detail.entries.map((e) => e.seq);
  const storedSet = new Set(stored);
  const lostInDb = [...acked].filter((s) => !storedSet.has(s)).length;
  const gapsInDb = stored.some((s, i) => s !== i + 1) ? 1 : 0;
  const allDelays = listeners.flatMap((l) => l.delays.slice(2)); // skip the replayed opening entries

  const writeP = (p: number) => Math.round(pct(latencies, p) * 10) / 10;
  const result = {
    writes: acked.size,
    writesPerSec: Math.round((acked.size / elapsed) * 10) / 10,
    writeP50Ms: writeP(50),
    writeP95Ms: writeP(95),
    writeP99Ms: writeP(99),
    fanoutP95Ms: pct(allDelays, 95),
    lost: lost + lostInDb,
    duplicated,
    database: DATABASE,
    instances: bases.length,
    seconds: Math.round(elapsed * 10) / 10,
    writers: WRITERS,
    listeners: LISTENERS,
    failedWrites: errors,
    writeMaxMs: Math.round(maxOf(latencies)),
    fanoutP50Ms: pct(allDelays, 50),
    fanoutP99Ms: pct(allDelays, 99),
    fanoutDeliveries: allDelays.length,
    outOfOrder,
    storedEntries: stored.length,
    gaplessLog: gapsInDb === 0,
  };
  if (!args.json) {
    const rows: [string, string][] = [
      ["database / instances", `${DATABASE} / ${result.instances}`],
      ["duration", `${result.seconds} s`],
      ["writers / listeners", `${WRITERS} / ${LISTENERS}`],
      ["acknowledged writes", `${result.writes} (${result.failedWrites} failed)`],
      ["throughput", `${result.writesPerSec} writes/s (${Math.round(result.fanoutDeliveries / elapsed)} deliveries/s)`],
      ["write latency p50 / p95 / p99", `${result.writeP50Ms} / ${result.writeP95Ms} / ${result.writeP99Ms} ms`],
      ["fan-out delay p50 / p95 / p99", `${result.fanoutP50Ms} / ${result.fanoutP95Ms} / ${result.fanoutP99Ms} ms`],
      ["lost / duplicated / out of order", `${result.lost} / ${result.duplicated} / ${result.outOfOrder}`],
      ["log stored gapless", `${result.gaplessLog} (${result.storedEntries} entries)`],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n"));
  }
  console.log(JSON.stringify(result));
  await stopServers();
  process.exit(result.lost === 0 && result.duplicated === 0 && result.outOfOrder === 0 ? 0 : 1);
}

main().catch(async (error: unknown) => {
  console.error(error);
  await stopServers();
  process.exit(2);
});
