import { beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as me } from "@/app/api/auth/me/route";
import { GET as setupState, POST as setup } from "@/app/api/auth/setup/route";
import { POST as createToken } from "@/app/api/tokens/route";
import { POST as createUser } from "@/app/api/users/route";
import { createUser as createAdmin } from "@/lib/server/auth/create-user";
import { db } from "@/lib/server/db";

const ctx = { params: Promise.resolve({}) };
const jsonPost = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${url}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });

function cookieFrom(response: Response): string {
  const header = response.headers.get("set-cookie") ?? "";
  return header.split(";")[0] ?? "";
}

// Real route handlers over a real SQLite file (the harness migrates a fresh one per run).
describe("sign-in, roles and API tokens", () => {
  let adminCookie = "";
  // Other test files share this run's database and may have done the first-run setup already.
  const adminEmail = `root-${Date.now()}@it.test`;

  beforeAll(async () => {
    const state = (await (await setupState(new Request("http://localhost/api/auth/setup"), ctx)).json()) as { needsSetup: boolean };
    if (state.needsSetup) {
      const response = await setup(jsonPost("/api/auth/setup", { email: adminEmail, name: "Root", password: "long-enough-password" }), ctx);
      if (response.status === 201) {
        adminCookie = cookieFrom(response);
        return;
      }
    }
    await createAdmin({ email: adminEmail, name: "Root", password: "long-enough-password", role: "admin" });
    const response = await login(jsonPost("/api/auth/login", { email: adminEmail, password: "long-enough-password" }), ctx);
    expect(response.status).toBe(200);
    adminCookie = cookieFrom(response);
  });

  it("refuses a second first-run setup", async () => {
    const again = await setup(jsonPost("/api/auth/setup", { email: "intruder@it.test", name: "X", password: "long-enough-password" }), ctx);
    expect(again.status).toBe(409);
  });

  it("stores passwords with a memory-hard hash, never in clear", async () => {
    const user = await db().user.findUniqueOrThrow({ where: { email: adminEmail } });
    expect(user.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(user.passwordHash).not.toContain("long-enough-password");
  });

  it("lets an admin create a viewer, and refuses the viewer an admin action", async () => {
    const email = `viewer-${Date.now()}@it.test`;
    const created = await createUser(jsonPost("/api/users", { email, name: "Viewer", password: "viewer-password-1", role: "viewer" }, { cookie: adminCookie }), ctx);
    expect(created.status).toBe(201);
    const viewerLogin = await login(jsonPost("/api/auth/login", { email, password: "viewer-password-1" }), ctx);
    expect(viewerLogin.status).toBe(200);
    const viewerCookie = cookieFrom(viewerLogin);
    const refused = await createUser(jsonPost("/api/users", { email: `x-${email}`, name: "X", password: "whatever-password", role: "admin" }, { cookie: viewerCookie }), ctx);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toContain("admin role");
  });

  it("rejects a wrong password without saying which part was wrong", async () => {
    const response = await login(jsonPost("/api/auth/login", { email: adminEmail, password: "nope" }), ctx);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { detail: string }).detail).toBe("email or password is wrong");
  });

  it("issues API tokens that authenticate as Bearer and are stored hashed", async () => {
    const response = await createToken(jsonPost("/api/tokens", { name: "deploy-hook", role: "responder", kind: "machine" }, { cookie: adminCookie }), ctx);
    expect(response.status).toBe(201);
    const { token } = (await response.json()) as { token: string };
    expect(token).toMatch(/^rpc_/);
    const stored = await db().apiToken.findMany();
    expect(stored.some((row) => row.tokenHash === token)).toBe(false);
    const who = await me(new Request("http://localhost/api/auth/me", { headers: { authorization: `Bearer ${token}` } }), ctx);
    expect(who.status).toBe(200);
    expect(((await who.json()) as { principal: { kind: string; role: string } }).principal).toMatchObject({ kind: "token", role: "responder" });
    const bogus = await me(new Request("http://localhost/api/auth/me", { headers: { authorization: "Bearer rpc_forged" } }), ctx);
    expect(bogus.status).toBe(401);
  });

  it("refuses a cookie-authenticated write from another site", async () => {
    const response = await createUser(
      jsonPost("/api/users", { email: "csrf@it.test", name: "C", password: "csrf-password-1", role: "viewer" }, { cookie: adminCookie, origin: "https://evil.example", host: "localhost" }),
      ctx,
    );
    expect(response.status).toBe(403);
  });
});
