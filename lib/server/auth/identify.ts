import "server-only";
import type { ApiToken, User } from "@prisma/client";
import { TOKEN_KINDS, type TokenKind } from "@/lib/domain/auth/access";
import { isRole, lowerRole, type Role } from "@/lib/domain/auth/roles";
import { db } from "../db";
import { SESSION_COOKIE } from "./sessions";
import { API_TOKEN_PREFIX, sha256 } from "./tokens";

/**
 * Who is calling. `kind: "user"` is a person — signed in with a browser session or sending one of
 * their personal API tokens — and `id` is always that person's user id, so separation of duties
 * compares people, not credentials. `kind: "token"` is a machine or alert-source token: nobody.
 */
export interface Principal {
  kind: "user" | "token";
  /** the person's user id; the token's id for a machine or alert-source token */
  id: string;
  name: string;
  email: string | null;
  /** the effective role (a personal token never acts above its owner's current role) */
  role: Role;
  /** how the caller authenticated */
  credential: { kind: "session" | "token"; id: string; name: string; tokenKind: TokenKind | null };
  /** who answers for what the principal does: the person, or the creator of a machine token (null: made by the CLI) */
  accountableId: string | null;
}

function isTokenKind(value: string): value is TokenKind {
  return (TOKEN_KINDS as readonly string[]).includes(value);
}

/** A cookie's value; null when absent or not decodable (a garbled cookie is no session, never a 500). */
export function readCookie(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      return null;
    }
  }
  return null;
}

const enabled = (user: User | null): user is User & { role: Role } => !!user && !user.disabledAt && isRole(user.role);

export async function principalFromSessionToken(token: string): Promise<Principal | null> {
  if (!token || token.length > 200) return null;
  const session = await db().session.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
  if (!session || session.expiresAt.getTime() < Date.now() || !enabled(session.user)) return null;
  const { user } = session;
  return { kind: "user", id: user.id, name: user.name, email: user.email, role: user.role, credential: { kind: "session", id: session.id, name: "browser session", tokenKind: null }, accountableId: user.id };
}

function tokenPrincipal(row: ApiToken & { owner: User | null }): Principal | null {
  if (row.revokedAt || !isRole(row.role) || !isTokenKind(row.kind)) return null;
  const credential = { kind: "token" as const, id: row.id, name: row.name, tokenKind: row.kind };
  if (row.kind === "personal") {
    if (!enabled(row.owner)) return null;
    const owner = row.owner;
    return { kind: "user", id: owner.id, name: owner.name, email: owner.email, role: lowerRole(row.role, owner.role), credential, accountableId: owner.id };
  }
  return { kind: "token", id: row.id, name: row.name, email: null, role: row.role, credential, accountableId: row.createdById };
}

export async function principalFromApiToken(token: string): Promise<Principal | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const row = await db().apiToken.findUnique({ where: { tokenHash: sha256(token) }, include: { owner: true } });
  const principal = row ? tokenPrincipal(row) : null;
  if (!row || !principal) return null;
  // Touch at most once a minute: a webhook storm must not turn every read into a write.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return principal;
}

/** Bearer token first (machine clients), then the session cookie (browsers). */
export async function identify(headers: Headers): Promise<Principal | null> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match?.[1] ? principalFromApiToken(match[1]) : null;
  }
  const token = readCookie(headers.get("cookie"), SESSION_COOKIE);
  return token ? principalFromSessionToken(token) : null;
}
