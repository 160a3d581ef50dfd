import "server-only";
import type { TokenKind } from "@/lib/domain/auth/access";
import { roleAtLeast, type Role } from "@/lib/domain/auth/roles";
import type { CreatedTokenView, CreateTokenBody } from "@/lib/schemas/auth";
import { db } from "../db";
import { forbidden } from "../http/errors";
import { log } from "../log";
import type { Principal } from "./identify";
import { API_TOKEN_PREFIX, newSecret, sha256 } from "./tokens";

export interface NewToken {
  name: string;
  role: Role;
  kind: TokenKind;
  /** personal tokens: the person it belongs to */
  ownerId?: string | null;
  /** the person who made it; null from the CLI */
  createdById?: string | null;
}

/** Stores a new API token (hashed) and returns the raw value, once. Callers decide who may. */
export async function createApiToken(input: NewToken): Promise<CreatedTokenView> {
  const token = newSecret(API_TOKEN_PREFIX);
  const row = await db().apiToken.create({
    data: { name: input.name, role: input.role, kind: input.kind, ownerId: input.kind === "personal" ? (input.ownerId ?? null) : null, createdById: input.createdById ?? null, tokenHash: sha256(token) },
  });
  return { id: row.id, token, name: row.name, role: input.role, kind: input.kind };
}

/**
 * POST /api/tokens. Anyone signed in may make personal tokens for themselves, up to their own role;
 * machine and alert-source tokens belong to nobody, so only an admin makes them.
 */
export async function issueApiToken(body: CreateTokenBody, by: Principal): Promise<CreatedTokenView> {
  const created = await mintFor(body, by);
  log("info", "api token created", { tokenId: created.id, name: created.name, kind: created.kind, role: created.role, by: by.accountableId });
  return created;
}

function mintFor(body: CreateTokenBody, by: Principal): Promise<CreatedTokenView> {
  const kind = body.kind ?? "personal";
  if (kind === "personal") {
    if (by.kind !== "user") throw forbidden("a personal token belongs to a person; a machine token can only make machine tokens (kind: machine)");
    if (!roleAtLeast(by.role, body.role)) throw forbidden(`a personal token cannot act above your own role: you are ${by.role}, the token asks for ${body.role}`);
    return createApiToken({ name: body.name, role: body.role, kind, ownerId: by.id, createdById: by.id });
  }
  if (by.role !== "admin") throw forbidden(`only an admin can create ${kind} tokens; you can make personal tokens (kind: personal)`);
  return createApiToken({ name: body.name, role: body.role, kind, createdById: by.accountableId });
}
