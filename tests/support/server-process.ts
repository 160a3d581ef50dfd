import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * A real production server (`next start`, the current build) on its own port and its own SQLite
 * file, with optional environment overrides (e.g. other Kafka credentials).
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  readonly url: string;
  readonly dbFile: string;
  private readonly extraEnv: Record<string, string>;

  constructor(
    readonly port: number,
    { name = "incidents-restart", env = {} }: { name?: string; env?: Record<string, string> } = {},
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.dbFile = path.resolve("data", "test", `${name}-${port}.db`);
    this.extraEnv = env;
  }

  private env() {
    return { ...process.env, ...this.extraEnv, DATABASE_URL: `file:${this.dbFile}`, PORT: String(this.port), NODE_ENV: "production", CHECKPOINT_DISABLE: "1", NEXT_TELEMETRY_DISABLED: "1" } as NodeJS.ProcessEnv;
  }

  /** The server's process id (its process group's id too), while it runs. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  freshDatabase(): void {
    fs.mkdirSync(path.dirname(this.dbFile), { recursive: true });
    for (const s of ["", "-wal", "-shm", "-journal"]) fs.rmSync(this.dbFile + s, { force: true });
    execFileSync("npx", ["prisma", "migrate", "deploy"], { env: this.env(), stdio: "pipe" });
  }

  async start(): Promise<void> {
    // Own process group, so SIGKILL reaches the server and nothing else.
    this.child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(this.port)], { env: this.env(), detached: true, stdio: "ignore" });
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

  /** SIGKILL: no shutdown hooks, no flush; what was acknowledged must already be durable. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid, "SIGKILL");
    await exited;
    this.child = null;
  }

  cleanup(): void {
    if (this.child?.pid) {
      try {
        process.kill(-this.child.pid, "SIGKILL");
      } catch {
        // already gone (e.g. it could not start)
      }
    }
    for (const s of ["", "-wal", "-shm", "-journal"]) fs.rmSync(this.dbFile + s, { force: true });
  }
}
