import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { env } from "./env";

const globalForDb = globalThis as unknown as { ripcordDb?: PrismaClient };

function createClient(): PrismaClient {
  const url = env().DATABASE_URL;
  const file = url.replace(/^file:/, "");
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url });
  const client = new PrismaClient({ adapter });
  // Write-ahead log: a commit appends to one file instead of writing a rollback journal and the
  // database, and readers (SSE catch-up, page loads) no longer wait for writers. synchronous is
  // set to FULL on every connection (better-sqlite3 builds default WAL files to NORMAL), so an
  // acknowledged entry survives a crash or a power loss, not only a killed process.
  void client
    .$queryRawUnsafe("PRAGMA journal_mode = WAL")
    .then(() => client.$executeRawUnsafe("PRAGMA synchronous = FULL"))
    .catch((error: unknown) => {
      console.error(`ripcord: SQLite journal settings not applied: ${error instanceof Error ? error.message : String(error)}`);
    });
  return client;
}

/** The one Prisma client of this process (kept on globalThis across Next dev reloads). */
export function db(): PrismaClient {
  globalForDb.ripcordDb ??= createClient();
  return globalForDb.ripcordDb;
}

/** Reads one row to prove the database answers; used by /api/health. */
export async function pingDatabase(): Promise<void> {
  await db().$queryRawUnsafe("SELECT 1");
}
