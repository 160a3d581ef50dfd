import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portOf } from "../../../scripts/lib/ports.mjs";
import { rawRequest } from "../../support/raw-http";
import { ServerProcess } from "../../support/server-process";

const PASSWORD = "long-enough-password";

function login(server: ServerProcess, email: string, password: string, headers: Record<string, string> = {}) {
  return rawRequest(server.port, "POST", "/api/auth/login", { "content-type": "application/json", ...headers }, JSON.stringify({ email, password }));
}

async function bootstrap(server: ServerProcess): Promise<string> {
  server.freshDatabase();
  await server.start();
  const setup = await rawRequest(server.port, "POST", "/api/auth/setup", { "content-type": "application/json" }, JSON.stringify({ email: "root@throttle.test", name: "Root", password: PASSWORD }));
  expect(setup.status).toBe(201);
  return String(setup.headers["set-cookie"]?.[0] ?? "").split(";")[0] ?? "";
}

async function addUser(server: ServerProcess, cookie: string, email: string) {
  const res = await rawRequest(server.port, "POST", "/api/users", { "content-type": "application/json", cookie }, JSON.stringify({ email, name: email, password: PASSWORD, role: "viewer" }));
  expect(res.status).toBe(201);
}

// The production server, its real peer address (127.0.0.1) and its own database.
describe("sign-in throttling", () => {
  const server = new ServerProcess(portOf("THROTTLE_IT_PORT", 3423), { name: "login-throttle" });
  let cookie = "";

  beforeAll(async () => {
    cookie = await bootstrap(server);
  }, 120_000);
  afterAll(() => server.cleanup());

  it("twelve wrong passwords for one account: 429 with Retry-After before the twelfth, the right password too; other accounts still sign in", async () => {
    const email = `target-${randomUUID().slice(0, 6)}@throttle.test`;
    await addUser(server, cookie, email);
    const statuses: number[] = [];
    let retryAfter = "";
    for (let i = 0; i < 12; i++) {
      const res = await login(server, email, `wrong-password-${i}`);
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = String(res.headers["retry-after"]);
        expect(res.headers["content-type"]).toBe("application/problem+json");
        expect((JSON.parse(res.body) as { detail: string }).detail).toMatch(/too many failed sign-ins for this account/);
      }
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(800);
    expect(Number(retryAfter)).toBeLessThanOrEqual(900);
    expect((await login(server, email, PASSWORD)).status).toBe(429);
    const other = `other-${randomUUID().slice(0, 6)}@throttle.test`;
    await addUser(server, cookie, other);
    expect((await login(server, other, PASSWORD)).status).toBe(200);
  });

  it("thirty failures from one address across accounts: that address is refused, whatever X-Forwarded-For it claims", async () => {
    // 10 failures so far from 127.0.0.1; 20 more, each naming another account and another forwarded address
    for (let i = 0; i < 20; i++) {
      const res = await login(server, `nobody-${i}-${randomUUID().slice(0, 4)}@throttle.test`, "wrong-password", { "x-forwarded-for": `198.51.100.${i}` });
      expect(res.status).toBe(401);
    }
    const blocked = await login(server, `fresh-${randomUUID().slice(0, 4)}@throttle.test`, "wrong-password", { "x-forwarded-for": "203.0.113.9" });
    expect(blocked.status).toBe(429);
    expect((JSON.parse(blocked.body) as { detail: string }).detail).toMatch(/too many failed sign-ins for your address/);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
  });
});

describe("sign-in throttling behind a trusted proxy (RIPCORD_TRUST_PROXY)", () => {
  const server = new ServerProcess(portOf("THROTTLE_PROXY_IT_PORT", 3424), { name: "login-throttle-proxy", env: { RIPCORD_TRUST_PROXY: "true" } });

  beforeAll(async () => {
    await bootstrap(server);
  }, 120_000);
  afterAll(() => server.cleanup());

  it("counts per client address the proxy appended last, so one client's flood does not lock out another", async () => {
    for (let i = 0; i < 30; i++) {
      const res = await login(server, `spray-${i}@throttle.test`, "wrong-password", { "x-forwarded-for": `10.9.9.9, 192.0.2.10` });
      expect(res.status).toBe(401);
    }
    expect((await login(server, "spray-x@throttle.test", "wrong-password", { "x-forwarded-for": "10.9.9.9, 192.0.2.10" })).status).toBe(429);
    // the client's own claim (the first entry) does not move it to another bucket
    expect((await login(server, "spray-y@throttle.test", "wrong-password", { "x-forwarded-for": "10.1.1.1, 192.0.2.10" })).status).toBe(429);
    expect((await login(server, "root@throttle.test", PASSWORD, { "x-forwarded-for": "192.0.2.11" })).status).toBe(200);
  });
});
