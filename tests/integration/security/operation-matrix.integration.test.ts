import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/domain/auth/roles";
import { ALL_OPERATIONS } from "@/lib/server/http/openapi/operations";
import type { Operation } from "@/lib/server/http/openapi/types";
import { portOf } from "../../../scripts/lib/ports.mjs";
import { ServerProcess } from "../../support/server-process";
import { badInputsOf } from "../../support/bad-inputs";

/**
 * Generated from the operation table (lib/server/http/openapi/*-operations.ts), so an operation added
 * anywhere is covered here without editing this file:
 *  - the authorization matrix: every operation × every kind of caller, on the production server;
 *  - a bad-input run: malformed bodies, params and queries per operation — each a 4xx problem+json
 *    (naming the field where one is wrong), never a 5xx.
 * Requests carry ids that do not exist and bodies that do not parse, so an allowed cell changes
 * nothing; the cell still shows that the request got past authentication and the role check.
 */

const PASSWORD = "long-enough-password";

interface Reply {
  status: number;
  contentType: string;
  body: string;
}

/** One request on its own connection; an event stream is cut after its headers. */
function probe(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, agent: false, headers: { ...headers, ...(body !== undefined ? { "content-length": String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const contentType = String(res.headers["content-type"] ?? "");
      if (contentType.startsWith("text/event-stream")) {
        res.destroy();
        resolve({ status: res.statusCode ?? 0, contentType, body: "" });
        return;
      }
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, contentType, body: text }));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

interface Caller {
  name: string;
  /** null: signed out */
  credential: "session" | "personal" | "machine" | "alert-source" | null;
  role: Role | null;
  headers: Record<string, string>;
  /** a fresh session for the operations that end sessions */
  renew?: () => Promise<void>;
}

/** Runs fn over items, `width` at a time (the server is shared with the rest of the suite). */
async function inPool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

const RANK: Record<Role, number> = { viewer: 0, responder: 1, commander: 2, admin: 3 };

/**
 * What each cell must answer, written out here rather than taken from the product's access rule:
 * public is open to all; alert routes take an alert-source token only; every other operation needs
 * a signed-in person or a personal/machine token with at least its role; an alert-source token does
 * nothing else.
 */
function expected(op: Operation, caller: Caller): "allowed" | 401 | 403 {
  if (op.auth === "public") return "allowed";
  if (caller.credential === null) return 401;
  if (op.auth === "alert-source") return caller.credential === "alert-source" ? "allowed" : 403;
  if (caller.credential === "alert-source") return 403;
  return RANK[caller.role!] >= RANK[op.auth] ? "allowed" : 403;
}

/** A nonexistent value for each path parameter, so no record is touched. */
const NOWHERE = "matrix-nonexistent-0";
const pathOf = (op: Operation, value: (name: string) => string = () => NOWHERE) => op.path.replace(/\{(\w+)\}/g, (_, name: string) => value(name));

/** Operations that end the caller's session when allowed (no id, no body to refuse): run last, each with a fresh session. */
const endsSessions = (op: Operation) => op.method !== "get" && !op.body && !op.params;

describe("every operation, generated from the operation table, on the production server", () => {
  const server = new ServerProcess(portOf("MATRIX_IT_PORT", 3426), { name: "operation-matrix" });
  const port = server.port;
  const callers: Caller[] = [];
  let admin: Caller;
  let alertSource: Caller;

  const call = (op: Operation, headers: Record<string, string>, input: { path?: string; query?: string; body?: string; contentType?: string } = {}) =>
    probe(
      port,
      op.method.toUpperCase(),
      (input.path ?? pathOf(op)) + (input.query ?? ""),
      { ...headers, ...(input.body !== undefined ? { "content-type": input.contentType ?? "application/json" } : {}) },
      input.body,
    );

  async function json(method: string, path: string, headers: Record<string, string>, body: unknown): Promise<Record<string, unknown>> {
    const res = await probe(port, method, path, { ...headers, "content-type": "application/json" }, JSON.stringify(body));
    expect({ path, status: res.status }).toEqual({ path, status: 201 });
    return JSON.parse(res.body) as Record<string, unknown>;
  }

  async function signIn(email: string): Promise<string> {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const body = JSON.stringify({ email, password: PASSWORD });
      const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/api/auth/login", agent: false, headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } }, resolve);
      req.on("error", reject);
      req.end(body);
    });
    res.resume();
    expect(res.statusCode).toBe(200);
    return String(res.headers["set-cookie"]?.[0] ?? "").split(";")[0] ?? "";
  }

  beforeAll(async () => {
    server.freshDatabase();
    await server.start();
    const setup = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const body = JSON.stringify({ email: "admin@matrix.test", name: "Admin", password: PASSWORD });
      const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/api/auth/setup", agent: false, headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } }, resolve);
      req.on("error", reject);
      req.end(body);
    });
    setup.resume();
    expect(setup.statusCode).toBe(201);
    const adminCookie = String(setup.headers["set-cookie"]?.[0] ?? "").split(";")[0] ?? "";

    callers.push({ name: "signed out", credential: null, role: null, headers: {} });
    for (const role of ROLES) {
      const email = `${role}@matrix.test`;
      if (role !== "admin") await json("POST", "/api/users", { cookie: adminCookie }, { email, name: `${role} person`, password: PASSWORD, role });
      const session: Caller = { name: `${role} session`, credential: "session", role, headers: { cookie: role === "admin" ? adminCookie : await signIn(email) } };
      session.renew = async () => {
        session.headers = { cookie: await signIn(role === "admin" ? "admin@matrix.test" : email) };
      };
      callers.push(session);
      const personal = await json("POST", "/api/tokens", session.headers, { name: `${role} personal`, role, kind: "personal" });
      callers.push({ name: `${role} personal token`, credential: "personal", role, headers: { authorization: `Bearer ${String(personal.token)}` } });
    }
    admin = callers.find((c) => c.name === "admin session")!;
    for (const role of ROLES) {
      const machine = await json("POST", "/api/tokens", admin.headers, { name: `${role} machine`, role, kind: "machine" });
      callers.push({ name: `${role} machine token`, credential: "machine", role, headers: { authorization: `Bearer ${String(machine.token)}` } });
    }
    const alert = await json("POST", "/api/tokens", admin.headers, { name: "alert source", role: "responder", kind: "alert-source" });
    alertSource = { name: "alert-source token", credential: "alert-source", role: "responder", headers: { authorization: `Bearer ${String(alert.token)}` } };
    callers.push(alertSource);
  }, 180_000);

  afterAll(() => server.cleanup());

  it("the probes change nothing: no operation's body schema accepts the probe body", () => {
    expect(ALL_OPERATIONS.length).toBeGreaterThan(70);
    expect(ALL_OPERATIONS.filter((op) => op.body?.safeParse(null).success).map((op) => `${op.method} ${op.path}`)).toEqual([]);
  });

  it("authorization matrix: every operation × signed out, each role's session, personal and machine token, an alert-source token — 0 cells wrong", async () => {
    const wrong: string[] = [];
    let cells = 0;
    const check = async (op: Operation, caller: Caller) => {
      const want = expected(op, caller);
      const res = await call(op, caller.headers, op.body ? { body: "null" } : {});
      cells++;
      const got = res.status;
      const ok = want === "allowed" ? got !== 401 && got !== 403 && got < 500 : got === want && res.contentType === "application/problem+json";
      if (!ok) wrong.push(`${op.method.toUpperCase()} ${op.path} as ${caller.name}: want ${want}, got ${got} ${res.body.slice(0, 160)}`);
    };
    await inPool(ALL_OPERATIONS.filter((op) => !endsSessions(op)).flatMap((op) => callers.map((caller) => [op, caller] as const)), 4, ([op, caller]) => check(op, caller));
    for (const op of ALL_OPERATIONS.filter(endsSessions)) {
      for (const caller of callers) {
        await caller.renew?.();
        await check(op, caller);
      }
    }
    expect(cells).toBe(ALL_OPERATIONS.length * 14);
    expect(wrong).toEqual([]);
  }, 300_000);

  it("bad input: wrong types, huge, deep and oddly encoded bodies, params and queries — 4xx problem+json naming the field, 0 5xx", async () => {
    const wrong: string[] = [];
    let sent = 0;
    const inputs = ALL_OPERATIONS.filter((op) => !endsSessions(op)).flatMap((op) => badInputsOf(op).map((bad) => [op, bad] as const));
    await inPool(inputs, 4, async ([op, bad]) => {
      const caller = op.auth === "alert-source" ? alertSource : admin;
      const res = await call(op, caller.headers, bad);
      sent++;
      const problem = res.contentType === "application/problem+json" ? (JSON.parse(res.body) as { detail?: string; errors?: { path: string }[] }) : null;
      const where = `${op.method.toUpperCase()} ${(bad.path ?? pathOf(op)).slice(0, 120)}${(bad.query ?? "").slice(0, 80)} [${bad.label}]`;
      if (res.status >= 500) wrong.push(`${where}: ${res.status} ${res.body.slice(0, 200)}`);
      else if (bad.mustRefuse && (res.status < 400 || !problem)) wrong.push(`${where}: want a 4xx problem+json, got ${res.status} ${res.contentType}`);
      else if (res.status >= 400 && !problem) wrong.push(`${where}: ${res.status} is not problem+json (${res.contentType})`);
      else if (bad.names && res.status === 400 && !(problem?.errors ?? []).some((e) => e.path === bad.names || e.path.startsWith(`${bad.names}.`)))
        wrong.push(`${where}: 400 does not name ${bad.names}: ${problem?.detail}`);
    });
    expect(sent).toBeGreaterThan(ALL_OPERATIONS.length * 5);
    expect(wrong).toEqual([]);
  }, 600_000);
});
