import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/auth/me/route";
import { portOf } from "../../../scripts/lib/ports.mjs";
import { rawRequest } from "../../support/raw-http";
import { ServerProcess } from "../../support/server-process";
import { waitFor } from "../helpers";

const root = path.resolve(__dirname, "../../..");
const ctx = { params: Promise.resolve({}) };

function cli(script: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  // as npm runs it: the compiled CLI (scripts/cli/build.mjs)
  return spawnSync(process.execPath, ["-C", "react-server", "scripts/cli/run.mjs", script, ...args], { cwd: root, env, encoding: "utf8" });
}

/** docs/contracts.md §4: `token:create` prints a new API token and nothing else; the token works as a Bearer. */
describe("npm run token:create", () => {
  it("prints only the token, which authenticates a machine client with the asked role", async () => {
    const result = cli("token-create", ["--name", "it-automation", "--role", "responder"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = result.stdout.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    const token = lines[0]!;
    const response = await me(new Request("http://localhost/api/auth/me", { headers: { authorization: `Bearer ${token}` } }), ctx);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ principal: { kind: "token", role: "responder", credential: { tokenKind: "machine" } } });
    const forged = await me(new Request("http://localhost/api/auth/me", { headers: { authorization: `Bearer ${token}x` } }), ctx);
    expect(forged.status).toBe(401);
  });

  it("names the bad argument and exits 2", () => {
    const result = cli("token-create", ["--name", "x", "--role", "root"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim()).toBe("token:create: --role must be one of viewer, responder, commander, admin");
    expect(cli("token-create", ["--name", "x", "--role", "viewer", "--kind", "personal"]).stderr.trim()).toBe("token:create: a personal token needs --owner EMAIL (the user it acts as)");
  });
});

// The server migrated its database at start and keeps writing evidence samples to it; the CLIs
// must work beside it (before: `prisma migrate deploy` failed with "unknown variant SocketTimeout").
describe("the token CLIs while the server runs on the same database", () => {
  const server = new ServerProcess(portOf("TOKEN_CLI_IT_PORT", 3422), { name: "token-cli" });
  const env = { ...process.env, DATABASE_URL: server.databaseUrl };
  const whoAmI = (token: string) => rawRequest(server.port, "GET", "/api/auth/me", { authorization: `Bearer ${token}` });

  beforeAll(async () => {
    server.freshDatabase();
    await server.start();
    // the sampler is writing: a sample is stored
    await waitFor(async () => JSON.parse((await rawRequest(server.port, "GET", "/api/health")).body) as { kafka: { status: string } }, (h) => h.kafka.status === "connected", { what: "the server to read Kafka" });
  }, 120_000);
  afterAll(() => server.cleanup());

  it("creates, lists and revokes a token; the server honours each at once", async () => {
    const created = cli("token-create", ["--name", "while-serving", "--role", "viewer", "--kind", "alert-source"], env);
    expect(created.stderr).toBe("");
    expect(created.status).toBe(0);
    const token = created.stdout.trim();
    const first = await whoAmI(token);
    expect(first.status).toBe(403); // an alert-source token: known, but for alerts only
    const listed = cli("token-list", ["--json"], env);
    expect(listed.status).toBe(0);
    const { tokens } = JSON.parse(listed.stdout) as { tokens: { id: string; name: string; kind: string; revokedAt: string | null }[] };
    const row = tokens.find((t) => t.name === "while-serving");
    expect(row).toMatchObject({ kind: "alert-source", revokedAt: null });
    expect(listed.stdout).not.toContain(token);

    const machine = cli("token-create", ["--name", "reader", "--role", "viewer"], env).stdout.trim();
    expect((await whoAmI(machine)).status).toBe(200);
    const machineId = (JSON.parse(cli("token-list", ["--json"], env).stdout) as { tokens: { id: string; name: string }[] }).tokens.find((t) => t.name === "reader")!.id;
    const revoked = cli("token-revoke", ["--id", machineId], env);
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`^revoked ${machineId}`));
    expect((await whoAmI(machine)).status).toBe(401);
    expect(cli("token-revoke", ["--id", "nope"], env).status).toBe(1);
  });
});
