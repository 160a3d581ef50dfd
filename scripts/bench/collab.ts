/**
 * bench:collab — 50 simulated responders post annotations for 60 s against the production
 * server while 50 listeners follow the incident's SSE stream. Reports throughput, p95 write
 * latency, p95 fan-out delay (entry committed → listener received) and lost / duplicated
 * entries, which must be zero.
 *
 *   npx tsx -C react-server scripts/bench/collab.ts
 *   env: BENCH_SECONDS (60), BENCH_WRITERS (50), BENCH_LISTENERS (50), BENCH_PORT (3395),
 *        BENCH_URL (reuse a running server; then BENCH_ADMIN_EMAIL / BENCH_ADMIN_PASSWORD sign in)
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { portOf } from "../lib/ports.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 50);
const LISTENERS = Number(process.env.BENCH_LISTENERS ?? 50);
const PORT = portOf("BENCH_PORT", 3395);
const PASSWORD = process.env.BENCH_ADMIN_PASSWORD ?? "bench-password-123";
const ADMIN_EMAIL = process.env.BENCH_ADMIN_EMAIL ?? "bench-admin@ripcord.test";

let server: ChildProcess | null = null;
const base = process.env.BENCH_URL ?? `http://127.0.0.1:${PORT}`;

async function startServer(): Promise<void> {
  const dbFile = path.resolve("data", "bench", `collab-${PORT}.db`);
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  for (const s of ["", "-wal", "-shm", "-journal"]) fs.rmSync(dbFile + s, { force: true });
  const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" } as NodeJS.ProcessEnv;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
  server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(PORT)], { env, detached: true, stdio: "ignore" });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).status < 600) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("the server did not come up within 60 s (is .next built?)");
    await new Promise((r) => setTimeout(r, 300));
  }
}

function stopServer() {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // gone already
    }
  }
}

const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
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

function listen(incidentId: string, cookie: string): Listener {
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
    console.error(`bench: starting the production server on ${base}…`);
    await startServer();
  }
  const admin = await adminCookie();
  console.error(`bench: creating ${WRITERS} responders and ${LISTENERS} viewers…`);
  const commander = await userCookie(admin, "commander", 0);
  const writers: string[] = [];
  for (let i = 0; i < WRITERS; i++) writers.push(await userCookie(admin, "responder", i));
  const viewers: string[] = [];
  for (let i = 0; i < LISTENERS; i++) viewers.push(await userCookie(admin, "viewer", i));

  const opened = await postJson("/api/incidents", { title: `bench:collab ${new Date().toISOString()}`, scope: { topics: [], groups: [], services: ["bench"] } }, { cookie: commander });
  const incidentId = ((await opened.json()) as { incident: { id: string } }).incident.id;

  const listeners = viewers.map((cookie) => listen(incidentId, cookie));
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
        const res = await postJson(`/api/incidents/${incidentId}/annotations`, { annotationKind: "observation", body: `responder ${w} note ${i}: lag on partition ${i % 12}`, idempotencyKey: randomUUID() }, { cookie });
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
  const detail = (await (await fetch(`${base}/api/incidents/${incidentId}`, { headers: { cookie: commander } })).json()) as { entries: { seq: number }[] };
  const stored = detail.entries.map((e) => e.seq);
  const storedSet = new Set(stored);
  const lostInDb = [...acked].filter((s) => !storedSet.has(s)).length;
  const gapsInDb = stored.some((s, i) => s !== i + 1) ? 1 : 0;
  const allDelays = listeners.flatMap((l) => l.delays.slice(2)); // skip the replayed opening entries

  const result = {
    seconds: Math.round(elapsed * 10) / 10,
    writers: WRITERS,
    listeners: LISTENERS,
    acknowledgedWrites: acked.size,
    failedWrites: errors,
    throughputWritesPerSec: Math.round((acked.size / elapsed) * 10) / 10,
    fanOutDeliveries: allDelays.length,
    writeLatencyMs: { p50: Math.round(pct(latencies, 50)), p95: Math.round(pct(latencies, 95)), p99: Math.round(pct(latencies, 99)), max: Math.round(maxOf(latencies)) },
    fanOutDelayMs: { p50: pct(allDelays, 50), p95: pct(allDelays, 95), p99: pct(allDelays, 99), max: maxOf(allDelays) },
    lostEntries: lost + lostInDb,
    duplicatedEntries: duplicated,
    outOfOrder,
    storedEntries: stored.length,
    gaplessLog: gapsInDb === 0,
  };
  const rows: [string, string][] = [
    ["duration", `${result.seconds} s`],
    ["writers / listeners", `${WRITERS} / ${LISTENERS}`],
    ["acknowledged writes", `${result.acknowledgedWrites} (${result.failedWrites} failed)`],
    ["throughput", `${result.throughputWritesPerSec} writes/s (${Math.round(result.fanOutDeliveries / elapsed)} deliveries/s)`],
    ["write latency p50 / p95 / p99", `${result.writeLatencyMs.p50} / ${result.writeLatencyMs.p95} / ${result.writeLatencyMs.p99} ms`],
    ["fan-out delay p50 / p95 / p99", `${result.fanOutDelayMs.p50} / ${result.fanOutDelayMs.p95} / ${result.fanOutDelayMs.p99} ms`],
    ["lost / duplicated / out of order", `${result.lostEntries} / ${result.duplicatedEntries} / ${result.outOfOrder}`],
    ["log stored gapless", `${result.gaplessLog} (${result.storedEntries} entries)`],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n"));
  console.log(JSON.stringify(result));
  stopServer();
  process.exit(result.lostEntries === 0 && result.duplicatedEntries === 0 && result.outOfOrder === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  stopServer();
  process.exit(2);
});
