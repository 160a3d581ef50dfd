import { SetupBody } from "@/lib/schemas/auth";
import { sessionCookie } from "@/lib/server/auth/sessions";
import { hasAnyUser, setUpFirstAdmin } from "@/lib/server/auth/set-up-first-admin";
import { json, route } from "@/lib/server/http/route";

export const GET = route({ auth: "public" }, async () => ({ needsSetup: !(await hasAnyUser()) }));

export const POST = route({ auth: "public", body: SetupBody }, async ({ body, request }) => {
  const { user, token, expiresAt } = await setUpFirstAdmin(body);
  const secure = new URL(request.url).protocol === "https:";
  return json({ user }, { status: 201, headers: { "set-cookie": sessionCookie(token, expiresAt, secure) } });
});
