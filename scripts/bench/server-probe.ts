/**
 * The "warm, through the running server" part of bench:evidence: a production server
 * (`next start` on the current build, its own SQLite file) pointed at the bench cluster, read
 * the way the Cluster page reads it. Reports the sampler's own full-snapshot wall time and
 * request count (from GET /api/cluster's sampler state) over `samples` consecutive
 * collections, the latency of GET /api/cluster itself at that scale, the resident memory of
 * the server's process group at the end, and the history it persisted meanwhile.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { ServerProcess } from "../../tests/support/server-process";
import { buildIsStale } from "../lib/build-state.mjs";
import { portOf } from "../lib/ports.mjs";

export interface ServerFigures {
  snapshotMs: number[];
  requests: number | null;
  apiMs: number[];
  /** resident set size of the server's process group after the samples, bytes */
  rssBytes: number | null;
  /** what the sampler persisted between the first and the last counted sample */
  persisted: { bytes: number; rows: number; seconds: number } | null;
}

interface Overview {
  sampler: {
    lastSampleAt: number | null;
    lastDurationMs: number | null;
    lastRequestCount: number | null;
    lastError: { message: string } | null;
    persisted: { rows: number; bytes: number };
  };
}

/** Σ RSS of the processes in a process group (ps reports KiB). */
function groupRss(pgid: number): number | null {
  try {
    const out = execFileSync("ps", ["-o", "rss=", "-g", String(pgid)], { encoding: "utf8" });
    return out.split("\n").reduce((n, l) => n + (Number(l.trim()) || 0), 0) * 1024;
  } catch {
    return null;
  }
}

export async function probeServer(brokers: string, samples: number, say: (line: string) => void, opts: { minSeconds?: number } = {}): Promise<ServerFigures> {
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
    const figures: ServerFigures = { snapshotMs: [], requests: null, apiMs: [], rssBytes: null, persisted: null };
    let lastSeen: number | null = null;
    let first: { at: number; rows: number; bytes: number } | null = null;
    const minMs = (opts.minSeconds ?? 0) * 1000;
    const deadline = Date.now() + 15 * 60_000;
    // The first collection also warms the connection and the process: discarded, as in the gateway runs.
    for (;;) {
      const { ms, body } = await read();
      const s = body.sampler;
      if (s.lastError) throw new Error(`the server's sampler failed: ${s.lastError.message}`);
      if (s.lastSampleAt !== null && s.lastSampleAt !== lastSeen) {
        if (first) {
          figures.snapshotMs.push(s.lastDurationMs ?? NaN);
          figures.requests = s.lastRequestCount;
          figures.apiMs.push(ms);
          figures.persisted = { bytes: s.persisted.bytes - first.bytes, rows: s.persisted.rows - first.rows, seconds: (s.lastSampleAt - first.at) / 1000 };
        } else {
          first = { at: s.lastSampleAt, rows: s.persisted.rows, bytes: s.persisted.bytes };
        }
        lastSeen = s.lastSampleAt;
      }
      const enough = figures.snapshotMs.length >= samples && (figures.persisted?.seconds ?? 0) * 1000 >= minMs;
      if (enough || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    figures.rssBytes = server.pid ? groupRss(server.pid) : null;
    return figures;
  } finally {
    await server.cleanup();
  }
}
