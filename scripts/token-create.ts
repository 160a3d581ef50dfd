// npm run --silent token:create -- --name NAME --role admin|commander|responder|viewer
// Prints the new API token on stdout and nothing else (contracts.md §4).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { isRole, ROLES } from "@/lib/domain/auth/roles";

function fail(message: string, code = 2): never {
  process.stderr.write(`token:create: ${message}\n`);
  process.exit(code);
}

async function main() {
  let values: { name?: string; role?: string };
  try {
    ({ values } = parseArgs({ options: { name: { type: "string" }, role: { type: "string" } }, strict: true }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const name = values.name?.trim();
  if (!name) fail("--name is required (e.g. --name alertmanager)");
  if (!values.role || !isRole(values.role)) fail(`--role must be one of ${ROLES.join(", ")}`);

  process.env.DATABASE_URL ||= `file:${path.join(process.cwd(), "data", "ripcord.db")}`;
  fs.mkdirSync(path.join(process.cwd(), "data"), { recursive: true });
  // A token may be made before the dashboard ever started: bring the schema up to date first.
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  const { createApiToken } = await import("@/lib/server/auth/tokens");
  const { token } = await createApiToken(name, values.role);
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 1));
