import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/domain/auth/roles";
import { createUser } from "@/lib/server/auth/create-user";
import { createSession, SESSION_COOKIE } from "@/lib/server/auth/sessions";

export const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

export interface TestUser {
  cookie: string;
  id: string;
  name: string;
}

/** A real user of the given role with a real session. */
export async function signedIn(role: Role): Promise<TestUser> {
  const name = `${role}-${randomUUID().slice(0, 8)}`;
  const user = await createUser({ email: `${name}@it.test`, name, password: "long-enough-password", role });
  const { token } = await createSession(user.id);
  return { cookie: `${SESSION_COOKIE}=${token}`, id: user.id, name };
}

export function post(url: string, body: unknown, user: TestUser): Request {
  return new Request(`http://localhost${url}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", cookie: user.cookie } });
}

export function get(url: string, user: TestUser): Request {
  return new Request(`http://localhost${url}`, { headers: { cookie: user.cookie } });
}
