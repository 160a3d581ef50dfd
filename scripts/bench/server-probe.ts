/**
 * The "warm, through the running server" part of bench:evidence: a production server
 * (`next start` on the current build, its own SQLite file) pointed at the bench cluster, read
 * the way the Cluster page reads it. Reports the sampler's own full-snapshot wall time and
 * request count (from GET /api/cluster's sampler state) over `samples` consecutive
 * collections, and the latency of GET /api/cluster itself at that scale.
 */
import { spawnSync } from "node:child_process";
import { ServerProcess } from "../../tests/support/server-process";
import { buildIsStale } from "../lib/build-state.mjs";
import { portOf } from "../lib/ports.mjs";

export interface ServerFigures {
  snapshotMs: number[];
  requests: number | null;
  apiMs: number[];
}

interface Overview {
  sampler: { lastSampleAt: number | null; lastDurationMs: number | null; lastRequestCount: number | null; lastError: { message: string } | null };
}

export async function probeServer(brokers: string, samples: number, say: (line: string) => void): Promise<ServerFigures> {
  const stale = buildIsStale(process.cwd());
  if (stale) {
    say(`building the dashboard for the server measurement (${stale})…`);
    const built = spawnSync("npx", ["next", "build"], { stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (built.status !== 0) throw new Error("next build failed");
  }
  const server = new ServerProcess(portOf("BENCH_SERVER_PORT", 3399), {
    name: "bench-evidence",
    env: { KAFKA_BROKERS: brokers, KAFKA_REQUEST_TIMEOUT_MS: "30000" },
  });
  server.freshDatabase();
  await server.start();
  try {
    const setup = await fetch(`${server.url}/api/auth/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "bench@ripcord.test", name: "Bench", password: "bench-password-long" }),
    });
    if (setup.status !== 201) throw new Error(`first-run setup failed: ${setup.status}`);
    const cookie = (setup.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const read = async () => {
      const started = performance.now();
      const res = await fetch(`${server.url}/api/cluster`, { headers: { cookie } });
      const body = (await res.json()) as Overview;
      if (res.status !== 200) throw new Error(`GET /api/cluster answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
      return { ms: performance.now() - started, body };
    };
    const figures: ServerFigures = { snapshotMs: [], requests: null, apiMs: [] };
    let lastSeen: number | null = null;
    let first = true;
    const deadline = Date.now() + 10 * 60_000;
    // The first collection also warms the connection and the process: discarded, as in the gateway runs.
    while (figures.snapshotMs.length < samples && Date.now() < deadline) {
      const { ms, body } = await read();
      const s = body.sampler;
      if (s.lastError) throw new Error(`the server's sampler failed: ${s.lastError.message}`);
      if (s.lastSampleAt !== null && s.lastSampleAt !== lastSeen) {
        if (!first) {
          figures.snapshotMs.push(s.lastDurationMs ?? NaN);
          figures.requests = s.lastRequestCount;
          figures.apiMs.push(ms);
        }
        first = false;
        lastSeen = s.lastSampleAt;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    return figures;
  } finally {
    server.cleanup();
  }
}
