/**
 * bench:login — 200 simultaneous sign-ins (scrypt, 32 MiB each) against the production server
 * while /api/health is polled; reports /api/health latency (p50/p95/max) idle and during the
 * flood, the flood's wall time and the sign-in outcomes. The anchor: before the fix the
 * same flood stalled /api/health for 14.6 s; the goal is a p95 under 100 ms during the flood.
 *
 * Two floods: from 200 client addresses (behind a trusted proxy, X-Forwarded-For: the throttle
 * cannot help, only the bounded hashing does) and from one address (the per-address throttle
 * refuses it after 30 failures). Figures, never a pass/fail.
 *
 *   npm run --silent bench:login -- [--logins 200] [--json]
 */
import { parseArgs } from "node:util";
import { ServerProcess } from "../../tests/support/server-process";
import { rawRequest } from "../../tests/support/raw-http";
import { buildIsStale } from "../lib/build-state.mjs";
import { portOf } from "../lib/ports.mjs";
import { spawnSync } from "node:child_process";

const { values } = parseArgs({ options: { logins: { type: "string" }, json: { type: "boolean" } }, strict: true });
const LOGINS = Number(values.logins ?? 200);
const PASSWORD = "bench-password-long";
const say = (line: string) => process.stderr.write(`bench:login: ${line}\n`);

const pct = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
};
const stats = (xs: number[]) => ({ samples: xs.length, p50Ms: pct(xs, 50), p95Ms: pct(xs, 95), maxMs: xs.length ? Math.round(Math.max(...xs) * 10) / 10 : null });

async function healthOnce(port: number): Promise<number> {
  const started = performance.now();
  const res = await rawRequest(port, "GET", "/api/health");
  if (res.status !== 200) throw new Error(`/api/health answered ${res.status}`);
  return performance.now() - started;
}

async function idleHealth(port: number, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await healthOnce(port));
  return out;
}

interface Flood {
  floodSeconds: number;
  outcomes: Record<string, number>;
  health: ReturnType<typeof stats>;
}

/** Fires every sign-in at once and polls /api/health (one request in flight at a time) until they are all answered. */
async function flood(port: number, headersFor: (i: number) => Record<string, string>, emailFor: (i: number) => string, passwordFor: (i: number) => string): Promise<Flood> {
  const started = performance.now();
  let done = false;
  const logins = Promise.all(
    Array.from({ length: LOGINS }, (_, i) =>
      rawRequest(port, "POST", "/api/auth/login", { "content-type": "application/json", ...headersFor(i) }, JSON.stringify({ email: emailFor(i), password: passwordFor(i) })).then(
        (r) => String(r.status),
        (e: unknown) => `error: ${e instanceof Error ? e.message : String(e)}`,
      ),
    ),
  ).finally(() => (done = true));
  const health: number[] = [];
  while (!done) {
    health.push(await healthOnce(port));
    await new Promise((r) => setTimeout(r, 10));
  }
  const outcomes: Record<string, number> = {};
  for (const o of await logins) outcomes[o] = (outcomes[o] ?? 0) + 1;
  return { floodSeconds: Math.round((performance.now() - started) / 100) / 10, outcomes, health: stats(health) };
}

async function main() {
  const stale = buildIsStale(process.cwd());
  if (stale) {
    say(`building the dashboard (${stale})…`);
    if (spawnSync("npx", ["next", "build"], { stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } }).status !== 0) throw new Error("next build failed");
  }
  const server = new ServerProcess(portOf("BENCH_LOGIN_PORT", 3425), { name: "bench-login", env: { RIPCORD_TRUST_PROXY: "true" } });
  server.freshDatabase();
  await server.start();
  try {
    const setup = await rawRequest(server.port, "POST", "/api/auth/setup", { "content-type": "application/json" }, JSON.stringify({ email: "bench@ripcord.test", name: "Bench", password: PASSWORD }));
    if (setup.status !== 201) throw new Error(`first-run setup failed: ${setup.status} ${setup.body}`);
    for (let i = 0; i < 20; i++) await healthOnce(server.port); // warm the route
    const idle = stats(await idleHealth(server.port, 100));
    say(`idle /api/health p95 ${idle.p95Ms} ms`);
    // Every sign-in from its own address, half of them the right password of the one account.
    const distributed = await flood(server.port, (i) => ({ "x-forwarded-for": `10.${Math.floor(i / 250)}.${i % 250}.1` }), () => "bench@ripcord.test", (i) => (i % 2 ? PASSWORD : `wrong-${i}`));
    say(`${LOGINS} sign-ins from ${LOGINS} addresses: /api/health p95 ${distributed.health.p95Ms} ms over ${distributed.floodSeconds} s (${JSON.stringify(distributed.outcomes)})`);
    // Wrong passwords for many accounts, all from one address.
    const oneAddress = await flood(server.port, () => ({ "x-forwarded-for": "192.0.2.99" }), (i) => `nobody-${i}@ripcord.test`, () => "wrong-password");
    say(`${LOGINS} sign-ins from one address: /api/health p95 ${oneAddress.health.p95Ms} ms over ${oneAddress.floodSeconds} s (${JSON.stringify(oneAddress.outcomes)})`);
    const result = { logins: LOGINS, anchor: "before: the same flood stalled /api/health for 14.6 s; goal: p95 < 100 ms", idleHealth: idle, fromManyAddresses: distributed, fromOneAddress: oneAddress };
    process.stdout.write(`${values.json ? JSON.stringify(result) : JSON.stringify(result, null, 2)}\n`);
  } finally {
    server.cleanup();
  }
}

main().catch((error: unknown) => {
  say(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
