import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/auth/me/route";

const root = path.resolve(__dirname, "../../..");
const ctx = { params: Promise.resolve({}) };

function tokenCreate(...args: string[]) {
  return spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["-C", "react-server", "scripts/token-create.ts", ...args], { cwd: root, env: process.env, encoding: "utf8" });
}

/** contracts.md §4: `token:create` prints a new API token and nothing else; the token works as a Bearer. */
describe("npm run token:create", () => {
  it("prints only the token, which authenticates a machine client with the asked role", async () => {
    const result = tokenCreate("--name", "it-automation", "--role", "responder");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = result.stdout.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    const token = lines[0]!;
    const response = await me(new Request("http://localhost/api/auth/me", { headers: { authorization: `Bearer ${token}` } }), ctx);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ principal: { role: "responder" } });
    const forged = await me(new Request("http://localhost/api/auth/me", { headers: { authorization: `Bearer ${token}x` } }), ctx);
    expect(forged.status).toBe(401);
  });

  it("names the bad argument and exits 2", () => {
    const result = tokenCreate("--name", "x", "--role", "root");
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim()).toBe("token:create: --role must be one of viewer, responder, commander, admin");
  });
});
