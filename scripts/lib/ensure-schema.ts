// Shared by the token CLIs: the database they write must have the current schema. A running
// server already migrated it at start, and `prisma migrate deploy` against a database the server
// holds fails with SQLITE_BUSY (Prisma's "unknown variant SocketTimeout"), so migrate only when a
// migration is missing (a database no server has started on yet).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export async function ensureSchema(): Promise<void> {
  process.env.DATABASE_URL ||= `file:${path.join(process.cwd(), "data", "ripcord.db")}`;
  if (process.env.DATABASE_URL.startsWith("file:")) fs.mkdirSync(path.dirname(path.resolve(process.env.DATABASE_URL.slice(5))), { recursive: true });
  const { appliedMigrations } = await import("@/lib/server/schema-status");
  // each database has its own migrations (README, "Prisma")
  const folder = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL) ? path.join(process.cwd(), "prisma", "postgresql", "migrations") : path.join(process.cwd(), "prisma", "migrations");
  const wanted = fs.readdirSync(folder, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const applied = await appliedMigrations();
  if (applied && wanted.every((name) => applied.has(name))) return;
  try {
    execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? "");
    throw new Error(`the database needs ${wanted.filter((n) => !applied?.has(n)).join(", ") || "its migrations"} and migrating it failed${/SocketTimeout|SQLITE_BUSY/.test(stderr) ? " (the database is busy: stop the server, or start it once so it migrates)" : ""}`);
  }
}

export function fail(cli: string, message: string, code = 2): never {
  process.stderr.write(`${cli}: ${message}\n`);
  process.exit(code);
}
