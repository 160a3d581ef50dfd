import { SignInBody } from "@/lib/schemas/auth";
import { signIn } from "@/lib/server/auth/sign-in";
import { sessionCookie } from "@/lib/server/auth/sessions";
import { json, route } from "@/lib/server/http/route";

export const POST = route({ auth: "public", body: SignInBody }, async ({ body, request }) => {
  const { user, token, expiresAt } = await signIn(body);
  const secure = new URL(request.url).protocol === "https:";
  return json({ user }, { headers: { "set-cookie": sessionCookie(token, expiresAt, secure) } });
});
