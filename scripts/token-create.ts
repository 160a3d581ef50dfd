// npm run --silent token:create -- --name NAME --role admin|commander|responder|viewer [--kind machine|alert-source|personal] [--owner EMAIL]
// Prints the new API token on stdout and nothing else (contracts.md §4), also while the server runs.
// Default kind machine: a token for automation that belongs to nobody and can never approve a
// guarded action; alert-source: for Alertmanager and webhook senders (alert routes only);
// personal: acts as the user named by --owner, never above that user's role.
import { parseArgs } from "node:util";
import { TOKEN_KINDS, type TokenKind } from "@/lib/domain/auth/access";
import { isRole, lowerRole, ROLES } from "@/lib/domain/auth/roles";
import { ensureSchema, fail } from "./lib/ensure-schema";

const CLI = "token:create";

async function main() {
  let values: { name?: string; role?: string; kind?: string; owner?: string };
  try {
    ({ values } = parseArgs({ options: { name: { type: "string" }, role: { type: "string" }, kind: { type: "string" }, owner: { type: "string" } }, strict: true }));
  } catch (error) {
    fail(CLI, error instanceof Error ? error.message : String(error));
  }
  const name = values.name?.trim();
  if (!name) fail(CLI, "--name is required (e.g. --name alertmanager)");
  if (name.length > 100) fail(CLI, "--name must be at most 100 characters");
  if (!values.role || !isRole(values.role)) fail(CLI, `--role must be one of ${ROLES.join(", ")}`);
  const kind = (values.kind ?? (values.owner ? "personal" : "machine")) as TokenKind;
  if (!TOKEN_KINDS.includes(kind)) fail(CLI, `--kind must be one of ${TOKEN_KINDS.join(", ")}`);
  if (kind === "personal" && !values.owner) fail(CLI, "a personal token needs --owner EMAIL (the user it acts as)");
  if (kind !== "personal" && values.owner) fail(CLI, "--owner is only for --kind personal");

  await ensureSchema();
  const { db } = await import("@/lib/server/db");
  const { createApiToken } = await import("@/lib/server/auth/create-token");
  let ownerId: string | null = null;
  let role = values.role;
  if (values.owner) {
    const owner = await db().user.findUnique({ where: { email: values.owner.trim().toLowerCase() } });
    if (!owner || owner.disabledAt || !isRole(owner.role)) fail(CLI, `no enabled user with email ${values.owner}`);
    ownerId = owner.id;
    role = lowerRole(role, owner.role);
  }
  const { token } = await createApiToken({ name, role, kind, ownerId });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => fail(CLI, error instanceof Error ? error.message : String(error), 1));
