#!/usr/bin/env node
// `npm run db:generate` (and postinstall): patch @prisma/adapter-pg (prisma/orm#27403), then
// generate both Prisma clients: SQLite's into @prisma/client, PostgreSQL's into
// node_modules/.prisma/pg-client. One build carries both; lib/server/db.ts picks one by
// DATABASE_URL.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { prisma } from "./prisma-cli.mjs";
import { PG_SCHEMA, SQLITE_SCHEMA, projectRoot } from "./schemas.mjs";

execFileSync(process.execPath, [path.join(projectRoot, "scripts", "db", "patch-adapter-pg.mjs")], { stdio: "inherit" });
for (const schema of [SQLITE_SCHEMA, PG_SCHEMA]) {
  prisma(["generate", "--schema", schema]);
  console.error(`db: generated the client of ${path.relative(projectRoot, schema)}`);
}
