import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

// The JS engine with a driver adapter: Prisma's native engines cannot be downloaded here, and
// this keeps install offline-friendly everywhere. DATABASE_URL picks the database: file:… is
// SQLite (the embedded default, prisma/schema.prisma + prisma/migrations), postgresql://… is
// PostgreSQL (the generated prisma/postgresql/schema.prisma + its own migrations). README, "Prisma".
const url = process.env.DATABASE_URL ?? `file:${path.join(process.cwd(), "data", "ripcord.db")}`;
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: postgres ? path.join("prisma", "postgresql", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: { path: postgres ? path.join("prisma", "postgresql", "migrations") : path.join("prisma", "migrations") },
  async adapter() {
    return postgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url });
  },
});
