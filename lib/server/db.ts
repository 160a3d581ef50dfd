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
  return new PrismaClient({ adapter });
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
