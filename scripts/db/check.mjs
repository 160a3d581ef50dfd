// The checks that keep the two databases' schemas and migrations in step (README, "Prisma").
// Unit tests run them on SQLite; the integration layer runs the last one on the database it
// runs on (SQLite or PostgreSQL), right after `migrate deploy` on an empty database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prisma } from "./prisma-cli.mjs";
import { PG_MIGRATIONS, PG_SCHEMA, SQLITE_MIGRATIONS, SQLITE_SCHEMA, migrationNames, readPostgresSchemaFromSource } from "./schemas.mjs";

/** PostgreSQL's history starts with one baseline equal to SQLite's first seven migrations. */
export const PG_BASELINE = "20261125000001_postgresql_baseline";

/** Problems with the generated schema and the migration folders' names ([] = in step). */
export function layoutProblems() {
  const problems = [];
  const expected = readPostgresSchemaFromSource();
  const actual = fs.existsSync(PG_SCHEMA) ? fs.readFileSync(PG_SCHEMA, "utf8") : "";
  if (actual !== expected) problems.push("prisma/postgresql/schema.prisma is not the one made from prisma/schema.prisma: run `npm run db:schema` (never edit the copy)");
  const sqlite = migrationNames(SQLITE_MIGRATIONS).filter((n) => n > PG_BASELINE);
  const pg = migrationNames(PG_MIGRATIONS);
  if (pg[0] !== PG_BASELINE) problems.push(`prisma/postgresql/migrations must start with ${PG_BASELINE}`);
  const pgAfter = pg.filter((n) => n > PG_BASELINE);
  for (const n of sqlite) if (!pgAfter.includes(n)) problems.push(`migration ${n} exists for SQLite only: make every migration with \`npm run db:migration -- NAME\``);
  for (const n of pgAfter) if (!sqlite.includes(n)) problems.push(`migration ${n} exists for PostgreSQL only: make every migration with \`npm run db:migration -- NAME\``);
  for (const [dir, names] of [[SQLITE_MIGRATIONS, migrationNames(SQLITE_MIGRATIONS)], [PG_MIGRATIONS, pg]]) {
    for (const n of names) if (!fs.existsSync(path.join(dir, n, "migration.sql"))) problems.push(`${path.basename(path.dirname(dir))}/${path.basename(dir)}/${n} has no migration.sql`);
  }
  return problems;
}

const schemaOf = (url) => (/^postgres(ql)?:\/\//.test(url) ? PG_SCHEMA : SQLITE_SCHEMA);

/**
 * The datamodel of the database at `url` (as `prisma db pull` reads it) written to a temp
 * file; the caller removes the folder.
 */
export function pulledSchema(url) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ripcord-pull-"));
  const file = path.join(dir, "schema.prisma");
  const { stdout } = prisma(["db", "pull", "--print", "--schema", schemaOf(url)], { url });
  fs.writeFileSync(file, stdout.slice(stdout.indexOf("generator ")));
  return { dir, file };
}

/**
 * What the migrations applied to the database at `url` lack against its schema file: "" when
 * they produce exactly the schema's tables, columns, indexes and keys, else Prisma's summary.
 */
export function migrationDrift(url) {
  const { dir, file } = pulledSchema(url);
  try {
    const { stdout, status } = prisma(["migrate", "diff", "--from-schema-datamodel", file, "--to-schema-datamodel", schemaOf(url), "--exit-code"], { url, allowExit: [0, 2] });
    return status === 0 ? "" : stdout.replace(/^Loaded Prisma config.*\n/m, "").trim();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The SQL that takes the database at `url` (migrated to date) to its schema file ("" if none). */
export function pendingMigrationSql(url) {
  const { dir, file } = pulledSchema(url);
  try {
    const { stdout, status } = prisma(["migrate", "diff", "--from-schema-datamodel", file, "--to-schema-datamodel", schemaOf(url), "--script", "--exit-code"], { url, allowExit: [0, 2] });
    return status === 0 ? "" : stdout.slice(stdout.indexOf("--"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh SQLite file with every migration applied; returns its URL and a cleanup. */
export function migratedSqlite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ripcord-sqlite-"));
  const url = `file:${path.join(dir, "check.db")}`;
  prisma(["migrate", "deploy"], { url });
  return { url, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
