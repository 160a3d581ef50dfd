import { sessionCookie } from "@/lib/server/auth/sessions";
import { hasAnyUser, setUpFirstAdmin } from "@/lib/server/auth/set-up-first-admin";
import { isLoopbackClient } from "@/lib/server/http/client-address";
import { coreOperations } from "@/lib/server/http/openapi/core-operations";
import { json, route } from "@/lib/server/http/route";

export const GET = route(coreOperations.setupState, async ({ request }) => {
  const needsSetup = !(await hasAnyUser());
  return { needsSetup, setupCodeRequired: needsSetup && !isLoopbackClient(request.headers) };
});

export const POST = route(coreOperations.setup, async ({ body, request }) => {
  const { user, token, expiresAt } = await setUpFirstAdmin(body, isLoopbackClient(request.headers));
  const secure = new URL(request.url).protocol === "https:";
  return json({ user }, { status: 201, headers: { "set-cookie": sessionCookie(token, expiresAt, secure) } });
});
