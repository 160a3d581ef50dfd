// npm run --silent token:list [-- --json]
// Every API token (never its secret): id, kind, role, name, owner, created, last used, revoked.
import { parseArgs } from "node:util";
import { ensureSchema, fail } from "./lib/ensure-schema";

const CLI = "token:list";

async function main() {
  let json = false;
  try {
    json = parseArgs({ options: { json: { type: "boolean" } }, strict: true }).values.json ?? false;
  } catch (error) {
    fail(CLI, error instanceof Error ? error.message : String(error));
  }
  await ensureSchema();
  const { db } = await import("@/lib/server/db");
  const { peopleOf, toTokenView } = await import("@/lib/server/auth/list-tokens");
  const rows = await db().apiToken.findMany({ orderBy: { createdAt: "desc" } });
  const people = await peopleOf(rows);
  const tokens = rows.map((r) => toTokenView(r, people));
  if (json) {
    process.stdout.write(`${JSON.stringify({ tokens })}\n`);
    return;
  }
  for (const t of tokens) {
    const state = t.revokedAt ? `revoked ${t.revokedAt}` : t.lastUsedAt ? `last used ${t.lastUsedAt}` : "never used";
    process.stdout.write(`${t.id}\t${t.kind}\t${t.role}\t${t.name}\t${t.owner ? `owner ${t.owner.name}` : "no owner"}\t${state}\n`);
  }
}

main().catch((error: unknown) => fail(CLI, error instanceof Error ? error.message : String(error), 1));
