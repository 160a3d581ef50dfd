import { signIn } from "@/lib/server/auth/sign-in";
import { sessionCookie } from "@/lib/server/auth/sessions";
import { clientAddress } from "@/lib/server/http/client-address";
import { coreOperations } from "@/lib/server/http/openapi/core-operations";
import { json, route } from "@/lib/server/http/route";

export const POST = route(coreOperations.login, async ({ body, request }) => {
  const { user, token, expiresAt } = await signIn(body, clientAddress(request.headers));
  const secure = new URL(request.url).protocol === "https:";
  return json({ user }, { headers: { "set-cookie": sessionCookie(token, expiresAt, secure) } });
});
