import { sessionCookie } from "@/lib/server/auth/sessions";
import { hasAnyUser, setUpFirstAdmin } from "@/lib/server/auth/set-up-first-admin";
import { coreOperations } from "@/lib/server/http/openapi/core-operations";
import { json, route } from "@/lib/server/http/route";

export const GET = route(coreOperations.setupState, async () => ({ needsSetup: !(await hasAnyUser()) }));

export const POST = route(coreOperations.setup, async ({ body, request }) => {
  const { user, token, expiresAt } = await setUpFirstAdmin(body);
  const secure = new URL(request.url).protocol === "https:";
  return json({ user }, { status: 201, headers: { "set-cookie": sessionCookie(token, expiresAt, secure) } });
});
