import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildIsStale } from "../../../scripts/lib/build-state.mjs";
import { brokers } from "../kafka/fixtures";
import { portOf } from "../../../scripts/lib/ports.mjs";
import { testDatabase } from "../../../scripts/lib/test-database.mjs";
import { queryRows } from "../../support/sql";

const root = path.resolve(__dirname, "../../..");
const port = portOf("START_TEST_PORT", 3360);
// An empty database (a new SQLite file, or an empty PostgreSQL database) that `npm start` migrates.
const database = testDatabase(`npm-start-${port}`);

async function health(): Promise<{ database: { status: string }; kafka: { status: string; brokerCount: number | null } } | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    return res.status === 200 ? await res.json() : null;
  } catch {
    return null;
  }
}

/**
 * `npm start` (docs/contracts.md §1) as a user runs it, on an empty database: it migrates,
 * reuses a current build, reads the cluster named by KAFKA_BROKERS and serves; SIGTERM (Ctrl-C)
 * stops the server it started and exits cleanly. Like the other server tests it needs a current
 * production build (`npm test` makes one first): a rebuild here would swap .next under them.
 */
describe("npm start", () => {
  it("migrates an empty database, serves the dashboard reading the given Kafka, and stops cleanly on SIGTERM", async () => {
    const stale = buildIsStale(root);
    if (stale) throw new Error(`the production build is not current (${stale}): run \`npx next build\` first`);
    database.reset();
    const start = spawn(process.execPath, ["scripts/start.mjs"], {
      cwd: root,
      env: { ...process.env, PORT: String(port), DATABASE_URL: database.url, KAFKA_BROKERS: brokers().join(",") },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const stderr: Buffer[] = [];
    start.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    const exited = new Promise<number | null>((resolve) => start.on("exit", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 90_000;
      let body = await health();
      while (body?.kafka.status !== "connected" && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        body = await health();
      }
      expect(body).toMatchObject({ database: { status: "ok" }, kafka: { status: "connected" } });
      expect(body?.kafka.brokerCount).toBeGreaterThanOrEqual(1);
      // migrated: the tables exist (and the first-run path below reads them)
      expect(Number((await queryRows<{ n: unknown }>(database.url, 'SELECT COUNT(*) AS n FROM "User"'))[0]?.n)).toBe(0);

      const log = Buffer.concat(stderr).toString();
      expect(log).toContain("ripcord: applying database migrations");
      expect(log).not.toContain("building the dashboard");
      expect(log).toContain(`ripcord: reading the Kafka cluster at ${brokers().join(",")}`);
      expect(log).toContain(`ripcord: serving on http://localhost:${port}`);
      // The first-run path: no user yet, so the sign-in page offers to create the first admin.
      const setup = await fetch(`http://127.0.0.1:${port}/api/auth/setup`);
      expect(setup.status).toBe(200);
      expect(await setup.json()).toEqual({ needsSetup: true, setupCodeRequired: false });

      start.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(await health()).toBeNull();
    } finally {
      if (start.exitCode === null) start.kill("SIGKILL");
      database.drop();
    }
  }, 150_000);
});
