import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The JS engine with the better-sqlite3 adapter: Prisma's native engines cannot be downloaded
// here, and this keeps install offline-friendly everywhere.
const url = process.env.DATABASE_URL ?? `file:${path.join(process.cwd(), "data", "ripcord.db")}`;

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url });
  },
});
