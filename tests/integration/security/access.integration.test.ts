import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as alertWebhook } from "@/app/api/alerts/webhook/route";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as me } from "@/app/api/auth/me/route";
import { POST as changePassword } from "@/app/api/auth/password/route";
import { POST as signOutEverywhere } from "@/app/api/auth/sign-out-everywhere/route";
import { GET as listIncidents, POST as openIncident } from "@/app/api/incidents/route";
import { DELETE as revokeToken } from "@/app/api/tokens/[id]/route";
import { GET as listTokens, POST as createToken } from "@/app/api/tokens/route";
import { POST as setPassword } from "@/app/api/users/[id]/password/route";
import { PATCH as updateUser } from "@/app/api/users/[id]/route";
import { POST as signOutUser } from "@/app/api/users/[id]/sign-out/route";
import { GET as listUsers } from "@/app/api/users/route";
import type { Role } from "@/lib/domain/auth/roles";
import { createUser } from "@/lib/server/auth/create-user";
import { SESSION_COOKIE } from "@/lib/server/auth/sessions";

const PASSWORD = "long-enough-password";
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const send = (method: string, url: string, auth: Record<string, string>, body?: unknown) =>
  new Request(`http://localhost${url}`, { method, headers: { ...auth, ...(body === undefined ? {} : { "content-type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface Person {
  id: string;
  name: string;
  email: string;
}

async function person(role: Role): Promise<Person> {
  const name = `${role}-${randomUUID().slice(0, 8)}`;
  const email = `${name}@access.test`;
  const user = await createUser({ email, name, password: PASSWORD, role });
  return { id: user.id, name, email };
}

/** A real sign-in: the cookie the browser would get. */
async function signIn(p: Person, password = PASSWORD): Promise<Record<string, string>> {
  const res = await login(send("POST", "/api/auth/login", {}, { email: p.email, password }), ctx());
  expect(res.status).toBe(200);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
  return { cookie };
}

const meStatus = async (auth: Record<string, string>) => (await me(send("GET", "/api/auth/me", auth), ctx())).status;

async function mint(auth: Record<string, string>, body: { name: string; role: Role; kind?: string }) {
  const res = await createToken(send("POST", "/api/tokens", auth, body), ctx());
  return { status: res.status, body: (await res.json()) as { id: string; token: string; kind: string; role: string; detail?: string } };
}

describe("access that can be taken back", () => {
  let admin: Person;
  let adminAuth: Record<string, string>;

  beforeAll(async () => {
    admin = await person("admin");
    adminAuth = await signIn(admin);
  });

  it("a revoked token gets 401 on its next request; the creation response carries the id revoke takes", async () => {
    const created = await mint(adminAuth, { name: "to-revoke", role: "responder", kind: "machine" });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/\w{10,}/);
    expect(await meStatus(bearer(created.body.token))).toBe(200);
    const listed = (await (await listTokens(send("GET", "/api/tokens", adminAuth), ctx())).json()) as { tokens: { id: string; revokedAt: string | null; createdBy: { id: string } | null }[] };
    expect(listed.tokens.find((t) => t.id === created.body.id)).toMatchObject({ revokedAt: null, createdBy: { id: admin.id } });
    expect(JSON.stringify(listed)).not.toContain(created.body.token);
    const revoked = await revokeToken(send("DELETE", `/api/tokens/${created.body.id}`, adminAuth), ctx({ id: created.body.id }));
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { token: { revokedAt: string | null; revokedBy: { id: string } } }).token).toMatchObject({ revokedBy: { id: admin.id } });
    expect(await meStatus(bearer(created.body.token))).toBe(401);
  });

  it("a personal token belongs to its creator: it acts as them, never above their role; they see and revoke only their own", async () => {
    const responder = await person("responder");
    const auth = await signIn(responder);
    expect((await mint(auth, { name: "too-much", role: "commander" })).status).toBe(403);
    expect((await mint(auth, { name: "machine", role: "viewer", kind: "machine" })).status).toBe(403);
    const own = await mint(auth, { name: "mine", role: "responder" });
    expect(own.status).toBe(201);
    expect(own.body.kind).toBe("personal");
    const who = (await (await me(send("GET", "/api/auth/me", bearer(own.body.token)), ctx())).json()) as { principal: { kind: string; id: string; name: string; credential: { kind: string; name: string } } };
    expect(who.principal).toMatchObject({ kind: "user", id: responder.id, name: responder.name, credential: { kind: "token", name: "mine" } });
    const theirs = (await (await listTokens(send("GET", "/api/tokens", auth), ctx())).json()) as { tokens: { id: string }[] };
    expect(theirs.tokens.map((t) => t.id)).toEqual([own.body.id]);
    const adminsToken = await mint(adminAuth, { name: "admin-own", role: "admin" });
    expect((await revokeToken(send("DELETE", `/api/tokens/${adminsToken.body.id}`, auth), ctx({ id: adminsToken.body.id }))).status).toBe(404);
    expect(await meStatus(bearer(adminsToken.body.token))).toBe(200);
  });

  it("a disabled user's sessions and personal tokens get 401 at once, and they cannot sign in again", async () => {
    const commander = await person("commander");
    const [sessionA, sessionB] = [await signIn(commander), await signIn(commander)];
    const token = (await mint(sessionA, { name: "scripts", role: "commander" })).body.token;
    for (const auth of [sessionA, sessionB, bearer(token)]) expect(await meStatus(auth)).toBe(200);
    const disabled = await updateUser(send("PATCH", `/api/users/${commander.id}`, adminAuth, { disabled: true }), ctx({ id: commander.id }));
    expect(disabled.status).toBe(200);
    for (const auth of [sessionA, sessionB, bearer(token)]) expect(await meStatus(auth)).toBe(401);
    const again = await login(send("POST", "/api/auth/login", {}, { email: commander.email, password: PASSWORD }), ctx());
    expect(again.status).toBe(401);
    expect(((await again.json()) as { detail: string }).detail).toMatch(/disabled/);
    // re-enabled: the token works again (it was never revoked), the deleted sessions do not come back
    await updateUser(send("PATCH", `/api/users/${commander.id}`, adminAuth, { disabled: false }), ctx({ id: commander.id }));
    expect(await meStatus(bearer(token))).toBe(200);
    expect(await meStatus(sessionA)).toBe(401);
  });

  it("a role change holds from the next request, for the session and the person's tokens", async () => {
    const commander = await person("commander");
    const auth = await signIn(commander);
    const token = (await mint(auth, { name: "ops", role: "commander" })).body.token;
    const open = (a: Record<string, string>) => openIncident(send("POST", "/api/incidents", a, { title: `Role check ${randomUUID()}`, scope: { topics: [], groups: [], services: [] } }), ctx());
    expect((await open(bearer(token))).status).toBe(201);
    expect((await updateUser(send("PATCH", `/api/users/${commander.id}`, adminAuth, { role: "viewer" }), ctx({ id: commander.id }))).status).toBe(200);
    for (const a of [auth, bearer(token)]) {
      const refused = await open(a);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { detail: string }).detail).toMatch(/needs the commander role or higher; you are viewer/);
      expect((await listIncidents(send("GET", "/api/incidents", a), ctx())).status).toBe(200);
    }
  });

  it("sign out everywhere ends every session of that user, by themselves or by an admin", async () => {
    const responder = await person("responder");
    const sessions = [await signIn(responder), await signIn(responder), await signIn(responder)];
    const res = await signOutEverywhere(send("POST", "/api/auth/sign-out-everywhere", sessions[0]!), ctx());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ endedSessions: 3 });
    expect(res.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    for (const s of sessions) expect(await meStatus(s)).toBe(401);
    const more = [await signIn(responder), await signIn(responder)];
    const byAdmin = await signOutUser(send("POST", `/api/users/${responder.id}/sign-out`, adminAuth), ctx({ id: responder.id }));
    expect(await byAdmin.json()).toEqual({ endedSessions: 2 });
    for (const s of more) expect(await meStatus(s)).toBe(401);
  });

  it("a password change ends the other sessions; an admin's reset ends them all and the old password stops working", async () => {
    const viewer = await person("viewer");
    const [here, elsewhere] = [await signIn(viewer), await signIn(viewer)];
    const wrong = await changePassword(send("POST", "/api/auth/password", here, { currentPassword: "not-it", newPassword: "another-long-password" }), ctx());
    expect(wrong.status).toBe(403);
    const changed = await changePassword(send("POST", "/api/auth/password", here, { currentPassword: PASSWORD, newPassword: "another-long-password" }), ctx());
    expect(await changed.json()).toEqual({ endedSessions: 1 });
    expect(await meStatus(here)).toBe(200);
    expect(await meStatus(elsewhere)).toBe(401);
    const reset = await setPassword(send("POST", `/api/users/${viewer.id}/password`, adminAuth, { password: "admin-chosen-password" }), ctx({ id: viewer.id }));
    expect(await reset.json()).toEqual({ endedSessions: 1 });
    expect(await meStatus(here)).toBe(401);
    expect((await login(send("POST", "/api/auth/login", {}, { email: viewer.email, password: "another-long-password" }), ctx())).status).toBe(401);
    await signIn(viewer, "admin-chosen-password");
  });

  it("an admin cannot lock themselves out, and only admins manage users", async () => {
    const self = await updateUser(send("PATCH", `/api/users/${admin.id}`, adminAuth, { disabled: true }), ctx({ id: admin.id }));
    expect(self.status).toBe(422);
    const commander = await person("commander");
    const refused = await updateUser(send("PATCH", `/api/users/${admin.id}`, await signIn(commander), { disabled: true }), ctx({ id: admin.id }));
    expect(refused.status).toBe(403);
    expect(await meStatus(adminAuth)).toBe(200);
  });

  it("viewers see names and roles, not every user's email; admins see emails", async () => {
    const viewer = await person("viewer");
    const seen = (await (await listUsers(send("GET", "/api/users", await signIn(viewer)), ctx())).json()) as { users: { id: string; name: string; email: string | null }[] };
    expect(seen.users.find((u) => u.id === admin.id)).toMatchObject({ name: admin.name, email: null });
    expect(JSON.stringify(seen)).not.toContain("@access.test");
    const admins = (await (await listUsers(send("GET", "/api/users", adminAuth), ctx())).json()) as { users: { id: string; email: string | null }[] };
    expect(admins.users.find((u) => u.id === viewer.id)?.email).toBe(viewer.email);
  });

  it("alert routes take an alert-source token and no other credential; that token can do nothing else", async () => {
    const responder = await person("responder");
    const responderAuth = await signIn(responder);
    const personal = (await mint(responderAuth, { name: "alerts?", role: "responder" })).body.token;
    const machine = (await mint(adminAuth, { name: "machine", role: "admin", kind: "machine" })).body.token;
    const source = await mint(adminAuth, { name: "alertmanager", role: "responder", kind: "alert-source" });
    expect(source.status).toBe(201);
    const alert = { source: "grafana", alerts: [{ status: "firing", name: "LagHigh", fingerprint: `fp-${randomUUID()}`, topic: `t-${randomUUID().slice(0, 8)}` }] };
    for (const auth of [responderAuth, adminAuth, bearer(personal), bearer(machine)]) {
      const res = await alertWebhook(send("POST", "/api/alerts/webhook", auth, alert), ctx());
      expect(res.status).toBe(403);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/alert-source API token/);
    }
    expect((await alertWebhook(send("POST", "/api/alerts/webhook", bearer(source.body.token), alert), ctx())).status).toBe(200);
    const elsewhere = await listIncidents(send("GET", "/api/incidents", bearer(source.body.token)), ctx());
    expect(elsewhere.status).toBe(403);
    expect(((await elsewhere.json()) as { detail: string }).detail).toMatch(/can only deliver alerts/);
  });
});
