import "server-only";
import { isRole, type Role } from "@/lib/domain/auth/roles";
import { db } from "../db";
import { SESSION_COOKIE } from "./sessions";
import { API_TOKEN_PREFIX, sha256 } from "./tokens";

/** Who is calling: a signed-in person (session cookie) or a machine client (API token). */
export interface Principal {
  kind: "user" | "token";
  id: string;
  name: string;
  email: string | null;
  role: Role;
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

export async function principalFromSessionToken(token: string): Promise<Principal | null> {
  const session = await db().session.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
  if (!session || session.expiresAt.getTime() < Date.now() || !isRole(session.user.role)) return null;
  return { kind: "user", id: session.user.id, name: session.user.name, email: session.user.email, role: session.user.role };
}

export async function principalFromApiToken(token: string): Promise<Principal | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await db().apiToken.findUnique({ where: { tokenHash: sha256(token) } });
  if (!row || row.revokedAt || !isRole(row.role)) return null;
  // Touch at most once a minute: a webhook storm must not turn every read into a write.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { kind: "token", id: row.id, name: row.name, email: null, role: row.role };
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
