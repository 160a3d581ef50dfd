// npm run --silent token:revoke -- --id TOKEN_ID
// Revokes a token (ids from token:list); it gets 401 from its next request, also while the server runs.
import { parseArgs } from "node:util";
import { ensureSchema, fail } from "./lib/ensure-schema";

const CLI = "token:revoke";

async function main() {
  let id: string | undefined;
  try {
    id = parseArgs({ options: { id: { type: "string" } }, strict: true }).values.id?.trim();
  } catch (error) {
    fail(CLI, error instanceof Error ? error.message : String(error));
  }
  if (!id) fail(CLI, "--id is required (see npm run token:list)");
  await ensureSchema();
  const { db } = await import("@/lib/server/db");
  const row = await db().apiToken.findUnique({ where: { id } });
  if (!row) fail(CLI, `no token with id ${id}`, 1);
  if (!row.revokedAt) await db().apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  process.stdout.write(`revoked ${row.id} (${row.kind}, ${row.name})${row.revokedAt ? ", already since " + row.revokedAt.toISOString() : ""}\n`);
}

main().catch((error: unknown) => fail(CLI, error instanceof Error ? error.message : String(error), 1));
