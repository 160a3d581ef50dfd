import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { layoutProblems, migratedSqlite, migrationDrift } from "./check.mjs";
import { PG_SCHEMA, SQLITE_SCHEMA, postgresSchemaFrom } from "./schemas.mjs";

// The two databases' schemas and migrations stay in step (README, "Prisma"). The same drift
// check runs on PostgreSQL in the integration layer (tests/integration/foundation/migrations).
describe("the two databases' schemas", () => {
  it("commits the PostgreSQL schema exactly as generated from the SQLite source", () => {
    expect(layoutProblems()).toEqual([]);
    const pg = fs.readFileSync(PG_SCHEMA, "utf8");
    expect(pg).toContain('provider = "postgresql"');
    expect(pg).toContain('output     = "../../node_modules/.prisma/pg-client"');
    // every model of the source is in the copy, unchanged
    const models = (text: string) => text.match(/^model \w+ \{[\s\S]*?^\}/gm) ?? [];
    expect(models(pg)).toEqual(models(fs.readFileSync(SQLITE_SCHEMA, "utf8")));
    expect(models(pg).length).toBeGreaterThan(5);
  });

  it("refuses a source that is not the SQLite schema", () => {
    expect(() => postgresSchemaFrom('datasource db {\n  provider = "postgresql"\n}\ngenerator client {\n}\n')).toThrow(/provider "sqlite"/);
  });

  it("gets exactly prisma/schema.prisma from the SQLite migrations applied to an empty database", () => {
    const sqlite = migratedSqlite();
    try {
      expect(migrationDrift(sqlite.url)).toBe("");
    } finally {
      sqlite.cleanup();
    }
  }, 120_000);
});
