import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Role } from "@/lib/domain/auth/roles";
import { db } from "../db";

export const API_TOKEN_PREFIX = "rpc_";

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function newSecret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** Creates an API token for a machine client; the raw token is returned once and stored hashed. */
export async function createApiToken(name: string, role: Role): Promise<{ id: string; token: string }> {
  const token = newSecret(API_TOKEN_PREFIX);
  const row = await db().apiToken.create({ data: { name, role, tokenHash: sha256(token) } });
  return { id: row.id, token };
}
