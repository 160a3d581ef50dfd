import "server-only";
import { db } from "../db";
import { env } from "../env";
import { newSecret, sha256 } from "./tokens";

export const SESSION_COOKIE = "ripcord_session";

export async function createSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret();
  const expiresAt = new Date(Date.now() + env().RIPCORD_SESSION_DAYS * 86_400_000);
  await db().session.create({ data: { userId, tokenHash: sha256(token), expiresAt } });
  return { token, expiresAt };
}

export async function deleteSession(token: string): Promise<void> {
  await db().session.deleteMany({ where: { tokenHash: sha256(token) } });
}

/**
 * Ends every session of a user (sign out everywhere, a disabled account, a new password), except
 * optionally the one making the request. Effective at once: identify reads the session row on
 * every request and a deleted row is no session.
 */
export async function endSessionsOf(userId: string, { except }: { except?: string } = {}): Promise<number> {
  const { count } = await db().session.deleteMany({ where: { userId, ...(except ? { id: { not: except } } : {}) } });
  return count;
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${expiresAt.toUTCString()}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}
