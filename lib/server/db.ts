import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import type * as Sqlite from "@prisma/client";
import { createRequire } from "node:module";
import type * as Postgres from ".prisma/pg-client";
import { env } from "./env";

/**
 * One Prisma client per process, for the database DATABASE_URL names: SQLite (file:…, the
 * embedded default, @prisma/client) or PostgreSQL (postgresql://…, the client generated from
 * prisma/postgresql/schema.prisma into .prisma/pg-client). Both are made from the same models
 * (scripts/db/schemas.mjs), so the rest of the code sees one type: SQLite's PrismaClient. The
 * two clients differ only in provider extras (PostgreSQL's isolation levels and case-insensitive
 * filters), which nothing here uses; the check below fails to compile if their models differ.
 */
export type Db = PrismaClient;
export type DatabaseProvider = "sqlite" | "postgresql";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Rows = {
  User: [Sqlite.User, Postgres.User];
  Session: [Sqlite.Session, Postgres.Session];
  ApiToken: [Sqlite.ApiToken, Postgres.ApiToken];
  Incident: [Sqlite.Incident, Postgres.Incident];
  IncidentEntry: [Sqlite.IncidentEntry, Postgres.IncidentEntry];
  CatalogEntry: [Sqlite.CatalogEntry, Postgres.CatalogEntry];
  AlertRecord: [Sqlite.AlertRecord, Postgres.AlertRecord];
  GuardedAction: [Sqlite.GuardedAction, Postgres.GuardedAction];
  Review: [Sqlite.Review, Postgres.Review];
  ActionItem: [Sqlite.ActionItem, Postgres.ActionItem];
  EvidenceSample: [Sqlite.EvidenceSample, Postgres.EvidenceSample];
  ClusterSetting: [Sqlite.ClusterSetting, Postgres.ClusterSetting];
  OwnerMember: [Sqlite.OwnerMember, Postgres.OwnerMember];
  LoginThrottle: [Sqlite.LoginThrottle, Postgres.LoginThrottle];
  Presence: [Sqlite.Presence, Postgres.Presence];
  SeverityProposal: [Sqlite.SeverityProposal, Postgres.SeverityProposal];
  KeptEvidence: [Sqlite.KeptEvidence, Postgres.KeptEvidence];
  ScopeEvent: [Sqlite.ScopeEvent, Postgres.ScopeEvent];
  NotificationChannel: [Sqlite.NotificationChannel, Postgres.NotificationChannel];
  NotificationDelivery: [Sqlite.NotificationDelivery, Postgres.NotificationDelivery];
  NotificationCursor: [Sqlite.NotificationCursor, Postgres.NotificationCursor];
  ClusterRouting: [Sqlite.ClusterRouting, Postgres.ClusterRouting];
  FreshnessProposal: [Sqlite.FreshnessProposal, Postgres.FreshnessProposal];
};
// A new model must be listed here (so its rows are compared too).
const everyModelListed: Same<keyof Rows, Sqlite.Prisma.ModelName | Postgres.Prisma.ModelName> = true;
type Disagreeing = { [K in keyof Rows]: Same<Rows[K][0], Rows[K][1]> extends true ? never : K }[keyof Rows];
const rowsAgree: Same<Disagreeing, never> = true;
void everyModelListed;
void rowsAgree;

const globalForDb = globalThis as unknown as { ripcordDb?: Db };

export function databaseProvider(url: string = env().DATABASE_URL): DatabaseProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

function createSqliteClient(url: string): Db {
  const file = url.replace(/^file:/, "");
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
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

/**
 * The PostgreSQL client, loaded the way @prisma/client loads its own (`.prisma/client`): by a
 * CommonJS require from the project root. ".prisma/…" is no valid ES module specifier, and a
 * require keeps the bundlers (Next, Vite, tsx) from trying to follow it.
 */
function loadPostgresClient(): typeof Postgres.PrismaClient {
  const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
  return (requireFromRoot(".prisma/pg-client") as typeof Postgres).PrismaClient;
}

function createPostgresClient(url: string): Db {
  // A pool per process; several instances share the server's max_connections (README, "PostgreSQL").
  const adapter = new PrismaPg({ connectionString: url, max: env().DATABASE_POOL_SIZE });
  const PostgresPrismaClient = loadPostgresClient();
  return new PostgresPrismaClient({ adapter }) as unknown as Db;
}

/** The one Prisma client of this process (kept on globalThis across Next dev reloads). */
export function db(): Db {
  globalForDb.ripcordDb ??= databaseProvider() === "postgresql" ? createPostgresClient(env().DATABASE_URL) : createSqliteClient(env().DATABASE_URL);
  return globalForDb.ripcordDb;
}

/** Reads one row to prove the database answers; used by /api/health. */
export async function pingDatabase(): Promise<void> {
  await db().$queryRawUnsafe("SELECT 1");
}

/**
 * A Prisma "known request error" with one of `codes` (P2002 unique, P2025 not found…), from
 * either client: each generated client carries its own copy of the error classes, so an
 * `instanceof Prisma.PrismaClientKnownRequestError` would miss PostgreSQL's.
 */
export function isPrismaError(error: unknown, ...codes: string[]): error is Error & { code: string; meta?: Record<string, unknown> } {
  if (!(error instanceof Error) || error.name !== "PrismaClientKnownRequestError") return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && (codes.length === 0 || codes.includes(code));
}

/**
 * A case-insensitive "contains" filter on either database: SQLite's LIKE already ignores ASCII
 * case; PostgreSQL needs `mode: "insensitive"` (ILIKE), which SQLite's client does not know.
 */
export function containsText(text: string): { contains: string } {
  return databaseProvider() === "postgresql" ? ({ contains: text, mode: "insensitive" } as { contains: string }) : { contains: text };
}
