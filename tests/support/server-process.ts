import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { migratedTestDatabase, testDatabase, type TestDatabase } from "../../scripts/lib/test-database.mjs";

/**
 * A real production server (`next start`, the current build) on its own port and its own
 * database (a SQLite file, or a PostgreSQL database with RIPCORD_TEST_DATABASE=postgresql),
 * with optional environment overrides (e.g. other Kafka credentials, or another server's
 * `databaseUrl` to share its database: two instances on one PostgreSQL).
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  readonly url: string;
  readonly database: TestDatabase;
  private readonly databaseName: string;
  private readonly extraEnv: Record<string, string>;
  private readonly captureOutput: boolean;
  private output = "";

  constructor(
    readonly port: number,
    { name = "incidents-restart", env = {}, captureOutput = false }: { name?: string; env?: Record<string, string>; captureOutput?: boolean } = {},
  ) {
    this.captureOutput = captureOutput;
    this.url = `http://127.0.0.1:${port}`;
    this.databaseName = `${name}-${port}`;
    this.database = testDatabase(this.databaseName);
    this.extraEnv = env;
  }

  /** The database this server uses (its own unless `env.DATABASE_URL` named another). */
  get databaseUrl(): string {
    return this.extraEnv.DATABASE_URL ?? this.database.url;
  }

  /** The server's process id (its process group's id too), while it runs. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  private env() {
    return { ...process.env, DATABASE_URL: this.database.url, ...this.extraEnv, PORT: String(this.port), NODE_ENV: "production", CHECKPOINT_DISABLE: "1", NEXT_TELEMETRY_DISABLED: "1" } as NodeJS.ProcessEnv;
  }

  /** Its own database, emptied, with every migration applied. */
  freshDatabase(): void {
    migratedTestDatabase(this.databaseName);
  }

  async start(): Promise<void> {
    // Own process group, so SIGKILL reaches the server and nothing else.
    // RIPCORD_SERVER_LOGS=<dir>: keep each test server's output in <dir>/<port>.log (debugging)
    const logDir = process.env.RIPCORD_SERVER_LOGS;
    const out = logDir ? (fs.mkdirSync(logDir, { recursive: true }), fs.openSync(path.join(logDir, `${this.port}.log`), "a")) : "ignore";
    this.child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(this.port)], { env: this.env(), detached: true, stdio: this.captureOutput ? ["ignore", "pipe", "pipe"] : ["ignore", out, out] });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.on("data", (chunk: Buffer) => {
        this.output += chunk.toString();
        if (typeof out === "number") fs.writeSync(out, chunk);
      });
    }
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.status < 500 || res.status === 503) return;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error(`server on ${this.port} did not come up`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The first match of `pattern` in what the server printed (stdout and stderr; needs captureOutput), once it appears. */
  async waitForOutput(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.output.match(pattern);
      if (match) return match;
      if (Date.now() > deadline) throw new Error(`server on ${this.port} did not print ${pattern}; it printed:\n${this.output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGKILL: no shutdown hooks, no flush; what was acknowledged must already be durable. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid, "SIGKILL");
    await exited;
    this.child = null;
  }

  /** Kills the server (if running) and drops its own database. */
  async cleanup(): Promise<void> {
    await this.kill().catch(() => undefined);
    this.database.drop();
  }
}
