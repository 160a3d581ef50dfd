#!/usr/bin/env node
// npm run db:schema              regenerate prisma/postgresql/schema.prisma from prisma/schema.prisma
// npm run db:migration -- NAME   one migration for BOTH databases from the change to prisma/schema.prisma
// npm run db:check               the schema copy and both migration folders are in step
// README, "Prisma": the one rule for changing the schema.
import fs from "node:fs";
import path from "node:path";
import { dropDatabase, freshDatabase, pgSettings, pgUrl, up } from "../pg/local-pg.mjs";
import { layoutProblems, migratedSqlite, migrationDrift, pendingMigrationSql } from "./check.mjs";
import { prisma } from "./prisma-cli.mjs";
import { PG_MIGRATIONS, PG_SCHEMA, SQLITE_MIGRATIONS, projectRoot, readPostgresSchemaFromSource } from "./schemas.mjs";

const say = (m) => console.error(`db: ${m}`);

function writeSchema() {
  fs.mkdirSync(path.dirname(PG_SCHEMA), { recursive: true });
  fs.writeFileSync(PG_SCHEMA, readPostgresSchemaFromSource());
  say(`wrote ${path.relative(projectRoot, PG_SCHEMA)}`);
}

/** A scratch PostgreSQL database on the local cluster (started if needed) with every migration applied. */
async function migratedPostgres() {
  const settings = pgSettings();
  await up(settings, say);
  const name = `ripcord_migration_${process.pid}`;
  const url = await freshDatabase(pgUrl(settings), name);
  prisma(["migrate", "deploy"], { url });
  return { url, cleanup: () => dropDatabase(url, name) };
}

function timestamp(now = new Date()) {
  return now.toISOString().replace(/[-:TZ.]/g, "").slice(0, 14);
}

async function makeMigration(name) {
  if (!/^[a-z0-9_]+$/.test(name ?? "")) throw new Error("usage: npm run db:migration -- NAME (lower-case letters, digits and _)");
  const problems = layoutProblems().filter((p) => !p.startsWith("prisma/postgresql/schema.prisma"));
  if (problems.length) throw new Error(`fix these first:\n  ${problems.join("\n  ")}`);
  writeSchema();
  const sqlite = migratedSqlite();
  const pg = await migratedPostgres();
  try {
    const sqliteSql = pendingMigrationSql(sqlite.url);
    const pgSql = pendingMigrationSql(pg.url);
    if (!sqliteSql && !pgSql) {
      say("prisma/schema.prisma has no change the migrations lack: nothing to do");
      return;
    }
    const folder = `${timestamp()}_${name}`;
    for (const [dir, sql] of [[SQLITE_MIGRATIONS, sqliteSql], [PG_MIGRATIONS, pgSql]]) {
      fs.mkdirSync(path.join(dir, folder), { recursive: true });
      fs.writeFileSync(path.join(dir, folder, "migration.sql"), sql);
      say(`wrote ${path.relative(projectRoot, path.join(dir, folder, "migration.sql"))}`);
    }
    say("hand-written SQL (triggers, data moves) goes into BOTH files, in each database's dialect; then `npm run db:check`");
  } finally {
    sqlite.cleanup();
    await pg.cleanup();
  }
  prisma(["generate", "--schema", path.join(projectRoot, "prisma", "schema.prisma")]);
  prisma(["generate", "--schema", PG_SCHEMA]);
}

async function check() {
  const problems = layoutProblems();
  const sqlite = migratedSqlite();
  try {
    const drift = migrationDrift(sqlite.url);
    if (drift) problems.push(`SQLite: the migrations do not produce prisma/schema.prisma:\n${drift}`);
  } finally {
    sqlite.cleanup();
  }
  const pg = await migratedPostgres();
  try {
    const drift = migrationDrift(pg.url);
    if (drift) problems.push(`PostgreSQL: the migrations do not produce prisma/postgresql/schema.prisma:\n${drift}`);
  } finally {
    await pg.cleanup();
  }
  if (problems.length) throw new Error(problems.join("\n"));
  say("both databases' schemas and migrations are in step");
}

const [command, ...args] = process.argv.slice(2);
try {
  if (command === "schema") writeSchema();
  else if (command === "migration") await makeMigration(args[0]);
  else if (command === "check") await check();
  else throw new Error(`unknown command "${command ?? ""}": use schema, migration NAME or check`);
} catch (error) {
  console.error(`db: ${error.message || error}`);
  process.exit(1);
}
