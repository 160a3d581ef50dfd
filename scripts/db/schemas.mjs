// The two databases' Prisma schemas. prisma/schema.prisma (SQLite, the embedded default) is the
// one source every engineer edits; prisma/postgresql/schema.prisma is generated from it
// (`npm run db:schema`), differing only in the datasource and the client's output folder, so
// the models of the two databases cannot drift. A unit test fails when the committed copy is
// not what this function makes from the source.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SQLITE_SCHEMA = path.join(projectRoot, "prisma", "schema.prisma");
export const SQLITE_MIGRATIONS = path.join(projectRoot, "prisma", "migrations");
export const PG_SCHEMA = path.join(projectRoot, "prisma", "postgresql", "schema.prisma");
export const PG_MIGRATIONS = path.join(projectRoot, "prisma", "postgresql", "migrations");
/** The PostgreSQL client's package (node_modules/.prisma/pg-client), next to @prisma/client. */
export const PG_CLIENT_PACKAGE = ".prisma/pg-client";

const HEADER = `// GENERATED from prisma/schema.prisma by \`npm run db:schema\`: do not edit (README, "Prisma").
// Same models as the SQLite source; only the datasource and the client's output differ.
`;

const SQLITE_DATASOURCE = /datasource db \{[^}]*\}/;
const CLIENT_GENERATOR = /generator client \{[^}]*\}/;

/** The PostgreSQL schema text made from the SQLite source text. */
export function postgresSchemaFrom(source) {
  if (!SQLITE_DATASOURCE.test(source) || !/provider\s*=\s*"sqlite"/.test(source)) throw new Error("prisma/schema.prisma: expected a `datasource db` with provider \"sqlite\"");
  if (!CLIENT_GENERATOR.test(source)) throw new Error("prisma/schema.prisma: expected a `generator client` block");
  const body = source
    .replace(
      CLIENT_GENERATOR,
      `generator client {
  provider   = "prisma-client-js"
  engineType = "client"
  output     = "../../node_modules/${PG_CLIENT_PACKAGE}"
}`,
    )
    .replace(
      SQLITE_DATASOURCE,
      `datasource db {
  provider = "postgresql"
  // Unused at run time (the pg adapter takes DATABASE_URL); a literal keeps \`prisma generate\`
  // from looking for an engine on a clean install where DATABASE_URL is not set.
  url      = "postgresql://ripcord@127.0.0.1:5433/ripcord"
}`,
    );
  return HEADER + body;
}

export function readPostgresSchemaFromSource() {
  return postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
}

/** Migration folder names of one database, sorted. */
export function migrationNames(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}
