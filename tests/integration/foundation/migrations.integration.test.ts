import { describe, expect, inject, it } from "vitest";
import { migrationDrift } from "../../../scripts/db/check.mjs";
import { testDatabaseProvider } from "../../../scripts/lib/test-database.mjs";

// The run's database was empty before global-setup ran `prisma migrate deploy` on it (SQLite,
// or PostgreSQL with RIPCORD_TEST_DATABASE=postgresql); this file reads its own copy of it
// (setup-env.ts: on PostgreSQL nobody may connect to the template). Its tables, columns, indexes and keys
// are exactly what that database's schema file describes: the migrations of both databases
// are kept in step with prisma/schema.prisma (README, "Prisma").
describe(`migrations on ${testDatabaseProvider()}`, () => {
  it("produce exactly the schema from an empty database", () => {
    const url = process.env.DATABASE_URL!;
    expect(url).not.toBe(inject("databaseUrl")); // the copy, not the template
    expect(url.startsWith(testDatabaseProvider() === "postgresql" ? "postgresql://" : "file:")).toBe(true);
    expect(migrationDrift(url)).toBe("");
  }, 120_000);
});
