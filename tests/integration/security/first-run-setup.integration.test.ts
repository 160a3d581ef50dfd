import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portOf } from "../../../scripts/lib/ports.mjs";
import { rawRequest } from "../../support/raw-http";
import { ServerProcess } from "../../support/server-process";

const account = (email: string, extra: Record<string, string> = {}) => JSON.stringify({ email, name: "First", password: "long-enough-password", ...extra });
const problemOf = (body: string) => JSON.parse(body) as { code: string; detail: string };

// A fresh production server: first-run setup is open to the server's own machine only; anyone else
// needs the setup code it prints on its console. The test reaches it over loopback, so "another
// machine" is a client behind a trusted proxy (RIPCORD_TRUST_PROXY, X-Forwarded-For) — and any
// client relayed by an untrusted proxy on the same host.
describe("a fresh instance's first-run setup", () => {
  const server = new ServerProcess(portOf("FIRST_RUN_IT_PORT", 3427), { name: "first-run", env: { RIPCORD_TRUST_PROXY: "1" }, captureOutput: true });
  const port = server.port;
  const json = { "content-type": "application/json" };
  const remote = { ...json, "x-forwarded-for": "203.0.113.7" };
  let code = "";

  beforeAll(async () => {
    server.freshDatabase();
    await server.start();
    const line = await server.waitForOutput(/first-run setup from another machine needs the setup code ([A-Z0-9-]+)/);
    code = line[1] ?? "";
  }, 120_000);
  afterAll(() => server.cleanup());

  it("prints a setup code on the console and says who needs it", async () => {
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const local = await rawRequest(port, "GET", "/api/auth/setup");
    expect(JSON.parse(local.body)).toEqual({ needsSetup: true, setupCodeRequired: false });
    const far = await rawRequest(port, "GET", "/api/auth/setup", { "x-forwarded-for": "203.0.113.7" });
    expect(JSON.parse(far.body)).toEqual({ needsSetup: true, setupCodeRequired: true });
    const page = await rawRequest(port, "GET", "/setup", { "x-forwarded-for": "203.0.113.7" });
    expect(page.status).toBe(200);
    expect(page.body).toContain('name="setupCode"');
    expect((await rawRequest(port, "GET", "/setup")).body).not.toContain('name="setupCode"');
  });

  it("refuses setup from another machine without the code, or with a wrong one; accepts the printed code", async () => {
    const without = await rawRequest(port, "POST", "/api/auth/setup", remote, account("far@first.test"));
    expect(without.status).toBe(403);
    expect(problemOf(without.body).detail).toMatch(/needs the setup code printed on the server's console/);
    const wrong = await rawRequest(port, "POST", "/api/auth/setup", remote, account("far@first.test", { setupCode: "AAAA-BBBB-CCCC" }));
    expect(wrong.status).toBe(403);
    expect(problemOf(wrong.body).detail).toMatch(/not the setup code/);
    // relayed by a proxy this server does not trust: not the server's own machine either
    const untrusted = new ServerProcess(portOf("FIRST_RUN_UNTRUSTED_IT_PORT", 3428), { name: "first-run-untrusted", env: { DATABASE_URL: server.databaseUrl } });
    try {
      await untrusted.start();
      const relayed = await rawRequest(untrusted.port, "POST", "/api/auth/setup", { ...json, "x-forwarded-for": "127.0.0.1" }, account("relayed@first.test"));
      expect(relayed.status).toBe(403);
    } finally {
      await untrusted.kill();
    }
    const ok = await rawRequest(port, "POST", "/api/auth/setup", remote, account("far@first.test", { setupCode: code.toLowerCase().replaceAll("-", " ") }));
    expect(ok.status).toBe(201);
    const again = await rawRequest(port, "POST", "/api/auth/setup", json, account("local@first.test"));
    expect(again.status).toBe(409);
    expect(JSON.parse((await rawRequest(port, "GET", "/api/auth/setup", { "x-forwarded-for": "203.0.113.7" })).body)).toEqual({ needsSetup: false, setupCodeRequired: false });
  });
});
