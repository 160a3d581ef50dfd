import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portOf } from "../../../scripts/lib/ports.mjs";
import { rawRequest, type RawResponse } from "../../support/raw-http";
import { ServerProcess } from "../../support/server-process";

const raw = rawRequest;

function problemOf(res: RawResponse): { status: number; code: string; detail: string } {
  expect(res.headers["content-type"]).toBe("application/problem+json");
  return JSON.parse(res.body) as { status: number; code: string; detail: string };
}

// The production server (`next start`, the current build): what an outside probe sees.
describe("the HTTP edges of the production server", () => {
  const server = new ServerProcess(portOf("SECURITY_IT_PORT", 3420), { name: "security-edges" });
  const port = server.port;
  const host = `127.0.0.1:${port}`;
  let adminCookie = "";

  beforeAll(async () => {
    server.freshDatabase();
    await server.start();
    const setup = await raw(port, "POST", "/api/auth/setup", { "content-type": "application/json", origin: `http://${host}` }, JSON.stringify({ email: "root@edges.test", name: "Root", password: "long-enough-password" }));
    expect(setup.status).toBe(201);
    adminCookie = String(setup.headers["set-cookie"]?.[0] ?? "").split(";")[0] ?? "";
    expect(adminCookie).toMatch(/^ripcord_session=/);
  }, 120_000);

  afterAll(() => server.cleanup());

  it("answers broken percent-encoding in a path with 400 problem+json, on API routes and pages", async () => {
    for (const [method, path] of [["GET", "/api/incidents/%ZZ"], ["GET", "/api/cluster/topics/%E0%A4%A"], ["POST", "/api/incidents/%ZZ/actions/x/approve"], ["GET", "/incidents/%ZZ"], ["GET", "/cluster/groups/%"]] as const) {
      const res = await raw(port, method, path, { cookie: adminCookie });
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(problemOf(res).detail).toMatch(/malformed percent-encoding/);
    }
  });

  it("treats a garbled session cookie as no session: public routes answer, protected ones ask for sign-in", async () => {
    const health = await raw(port, "GET", "/api/health", { cookie: "ripcord_session=%ZZ" });
    expect(health.status).toBe(200);
    const me = await raw(port, "GET", "/api/auth/me", { cookie: "ripcord_session=%ZZ; other=%E0" });
    expect(me.status).toBe(401);
    expect(problemOf(me).code).toBe("UNAUTHENTICATED");
    const page = await raw(port, "GET", "/incidents", { cookie: "ripcord_session=%ZZ" });
    expect(page.status).toBe(307);
    expect(page.headers.location).toBe("/login");
  });

  it("answers TRACE and other unsupported methods with 405 problem+json naming the allowed ones", async () => {
    for (const method of ["TRACE", "PROPFIND", "MKCOL", "PURGE"]) {
      const res = await raw(port, method, "/api/health");
      expect({ method, status: res.status }).toEqual({ method, status: 405 });
      expect(problemOf(res).code).toBe("METHOD_NOT_ALLOWED");
      expect(res.headers.allow).toContain("GET");
    }
    const put = await raw(port, "PUT", "/api/health");
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe("GET");
    expect(problemOf(put).detail).toMatch(/PUT is not supported on \/api\/health/);
    const deleteIncident = await raw(port, "DELETE", "/api/incidents/abc", { cookie: adminCookie });
    expect(deleteIncident.status).toBe(405);
  });

  it("answers unknown /api paths with 404 problem+json, not an HTML page", async () => {
    for (const path of ["/api/nope", "/api", "/api/incidents/abc/nope", "/api/users/x/y/z"]) {
      const res = await raw(port, "GET", path, { cookie: adminCookie });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(problemOf(res).code).toBe("NOT_FOUND");
    }
  });

  it("sends the security headers on pages and API answers", async () => {
    const page = await raw(port, "GET", "/login");
    expect(page.status).toBe(200);
    expect(page.headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(page.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(String(page.headers["content-security-policy"]))?.[1];
    const scripts = [...page.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(3);
    expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
    for (const res of [page, await raw(port, "GET", "/api/health"), await raw(port, "GET", "/api/nope")]) {
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
      expect(res.headers["x-frame-options"]).toBe("DENY");
    }
    const api = await raw(port, "GET", "/api/incidents", { cookie: adminCookie });
    expect(api.status).toBe(200);
    expect(api.headers["cache-control"]).toBe("no-store");
    expect((await raw(port, "GET", "/api/openapi.json")).headers["cache-control"]).toBe("no-store");
    // a fresh nonce per response
    const again = await raw(port, "GET", "/login");
    expect(again.headers["content-security-policy"]).not.toBe(page.headers["content-security-policy"]);
  });

  describe("cross-site writes", () => {
    const login = (headers: Record<string, string>) => raw(port, "POST", "/api/auth/login", { "content-type": "application/json", ...headers }, JSON.stringify({ email: "root@edges.test", password: "long-enough-password" }));
    const createViewer = (headers: Record<string, string>) =>
      raw(port, "POST", "/api/users", { "content-type": "application/json", cookie: adminCookie, ...headers }, JSON.stringify({ email: `v-${Math.random()}@edges.test`, name: "V", password: "long-enough-password", role: "viewer" }));

    it("refuses sign-in and setup from another site (login CSRF), and accepts our own pages", async () => {
      const evil = await login({ origin: "https://evil.example" });
      expect(evil.status).toBe(403);
      expect(problemOf(evil).detail).toMatch(/cross-site request refused/);
      expect(evil.headers["set-cookie"]).toBeUndefined();
      const setup = await raw(port, "POST", "/api/auth/setup", { "content-type": "application/json", origin: "https://evil.example" }, JSON.stringify({ email: "x@edges.test", name: "X", password: "long-enough-password" }));
      expect(setup.status).toBe(403);
      expect((await login({ origin: `http://${host}` })).status).toBe(200);
      expect((await login({ "sec-fetch-site": "cross-site" })).status).toBe(403);
      expect((await login({})).status).toBe(200); // a script without Origin, e.g. curl
    });

    it("refuses Origin null and an unparsable Origin on a cookie-authenticated write", async () => {
      for (const origin of ["null", "::::", "http://", "https://evil.example:443"]) {
        const res = await createViewer({ origin });
        expect({ origin, status: res.status }).toEqual({ origin, status: 403 });
        expect(problemOf(res).code).toBe("FORBIDDEN");
      }
      expect((await createViewer({ origin: `http://${host}` })).status).toBe(201);
    });

    it("trusts X-Forwarded-Host only behind a configured proxy (RIPCORD_TRUST_PROXY)", async () => {
      const res = await createViewer({ origin: "https://evil.example", "x-forwarded-host": "evil.example" });
      expect(res.status).toBe(403);
    });

    it("takes a JSON body only under Content-Type application/json, not any type that mentions it", async () => {
      for (const type of ["text/plain; application/json", "text/plain;charset=application/json", "application/json-patch+json", "multipart/form-data; boundary=application/json"]) {
        const res = await createViewer({ origin: `http://${host}`, "content-type": type });
        expect({ type, status: res.status }).toEqual({ type, status: 415 });
      }
      expect((await createViewer({ origin: `http://${host}`, "content-type": "application/json; charset=utf-8" })).status).toBe(201);
    });
  });
});
