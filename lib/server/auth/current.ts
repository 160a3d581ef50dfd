import "server-only";
import { cookies } from "next/headers";
import { principalFromSessionToken, type Principal } from "./identify";
import { SESSION_COOKIE } from "./sessions";

/** The signed-in person for server components (pages); routes use the route wrapper instead. */
export async function currentPrincipal(): Promise<Principal | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return token ? principalFromSessionToken(token) : null;
}
