import { SESSION_COOKIE, clearedSessionCookie, deleteSession } from "@/lib/server/auth/sessions";
import { readCookie } from "@/lib/server/auth/identify";
import { coreOperations } from "@/lib/server/http/openapi/core-operations";
import { json, route } from "@/lib/server/http/route";

export const POST = route(coreOperations.logout, async ({ request }) => {
  const token = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (token) await deleteSession(token);
  return json({ signedOut: true }, { headers: { "set-cookie": clearedSessionCookie() } });
});
