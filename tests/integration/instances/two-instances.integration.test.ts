import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { down as pgDown, pgSettings, up as pgUp } from "../../../scripts/pg/local-pg.mjs";
import { portOf } from "../../../scripts/lib/ports.mjs";
import { ServerProcess } from "../../support/server-process";
import { queryRows } from "../../support/sql";
import { readEvents, type SseEvent } from "../incidents/support";
import { waitFor } from "../helpers";

/**
 * Two `next start` instances on one local PostgreSQL (whatever database the rest of the layer
 * runs on: several instances exist only on PostgreSQL). A commander on A and a responder on B
 * see each other's writes and presence; an SSE stream resumed on the other instance misses and
 * doubles nothing; bench:collab against the pair loses and doubles nothing; and SIGKILL of the
 * instance holding the sampler lock hands sampling to the other within one interval, with no
 * two samples in one interval.
 */
const INTERVAL_MS = 3_000;
const PASSWORD = "long-enough-password";

describe("two instances on one PostgreSQL", () => {
  let pgStartedHere = false;
  const envOf = () => ({ KAFKA_BROKERS: inject("kafkaBrokers"), RIPCORD_SAMPLE_INTERVAL_MS: String(INTERVAL_MS), RIPCORD_TEST_DATABASE: "postgresql" });
  let a: ServerProcess;
  let b: ServerProcess;
  let admin = "";
  let commander = "";
  let responder = "";
  let responderId = "";

  const call = (server: ServerProcess, path: string, cookie: string, body?: unknown) =>
    fetch(`${server.url}${path}`, { method: body === undefined ? "GET" : "POST", headers: { cookie, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  async function user(role: string): Promise<{ cookie: string; id: string }> {
    const email = `${role}-${Date.now().toString(36)}@two.test`;
    const created = await call(a, "/api/users", admin, { email, name: `Two ${role}`, password: PASSWORD, role });
    expect(created.status).toBe(201);
    const login = await call(b, "/api/auth/login", "", { email, password: PASSWORD });
    expect(login.status).toBe(200);
    const me = (await (await call(b, "/api/auth/me", cookieOf(login))).json()) as { principal: { id: string } };
    return { cookie: cookieOf(login), id: me.principal.id };
  }
  const stream = (server: ServerProcess, incidentId: string, cookie: string, lastEventId?: number) => {
    const abort = new AbortController();
    const res = fetch(`${server.url}/api/incidents/${incidentId}/stream`, { headers: { cookie, ...(lastEventId !== undefined ? { "last-event-id": String(lastEventId) } : {}) }, signal: abort.signal });
    return { abort, body: res.then((r) => r.body!) };
  };
  const entrySeqs = (events: SseEvent[]) => events.filter((e) => e.event === "entry").map((e) => (JSON.parse(e.data) as { seq: number }).seq);

  beforeAll(async () => {
    pgStartedHere = (await pgUp(pgSettings(), () => {})).started;
    const base = portOf("TWO_INSTANCES_PORT", 3450);
    // A's own database is on PostgreSQL whatever the layer runs on; B shares it
    const previous = process.env.RIPCORD_TEST_DATABASE;
    process.env.RIPCORD_TEST_DATABASE = "postgresql";
    a = new ServerProcess(base, { name: "two-instances", env: envOf() });
    b = new ServerProcess(base + 1, { name: "two-instances", env: { ...envOf(), DATABASE_URL: a.databaseUrl } });
    a.freshDatabase();
    process.env.RIPCORD_TEST_DATABASE = previous;
    expect(a.databaseUrl.startsWith("postgresql://")).toBe(true);
    await a.start();
    await b.start();
    const setup = await call(a, "/api/auth/setup", "", { email: "root@two.test", name: "Root", password: PASSWORD });
    expect(setup.status).toBe(201);
    admin = cookieOf(setup);
    commander = (await user("commander")).cookie;
    ({ cookie: responder, id: responderId } = await user("responder"));
  }, 180_000);

  afterAll(async () => {
    await b?.cleanup();
    await a?.cleanup();
    if (pgStartedHere && !process.env.KEEP_PG) await pgDown(pgSettings(), {}, () => {});
  });

  it("a commander on A and a responder on B see each other's writes and each other within 1 s", async () => {
    const opened = await call(a, "/api/incidents", commander, { title: "Two instances", scope: { topics: [], groups: [], services: ["two"] } });
    expect(opened.status).toBe(201);
    const incidentId = ((await opened.json()) as { incident: { id: string } }).incident.id;
    const onA = stream(a, incidentId, commander);
    const onB = stream(b, incidentId, responder);
    const [bodyA, bodyB] = [await onA.body, await onB.body];
    const ready = (events: SseEvent[]) => events.some((e) => e.event === "ready");
    await readEvents(bodyA, ready);
    await readEvents(bodyB, ready);

    const fromA = await call(a, `/api/incidents/${incidentId}/annotations`, commander, { annotationKind: "decision", body: "commander on A: hold the deploys" });
    expect(fromA.status).toBe(201);
    const seqA = ((await fromA.json()) as { entry: { seq: number } }).entry.seq;
    const seenOnB = await readEvents(bodyB, (events) => entrySeqs(events).includes(seqA), 1_000);
    // (the sampler may add its own entries to the log meanwhile: each arrives once, in order)
    const increasing = (seqs: number[]) => seqs.every((x, i) => i === 0 || x > seqs[i - 1]!);
    expect(entrySeqs(seenOnB)).toContain(seqA);
    expect(increasing(entrySeqs(seenOnB))).toBe(true);

    const fromB = await call(b, `/api/incidents/${incidentId}/annotations`, responder, { annotationKind: "observation", body: "responder on B: lag flat since 09:14" });
    expect(fromB.status).toBe(201);
    const seqB = ((await fromB.json()) as { entry: { seq: number } }).entry.seq;
    // A sees B's write, and (through the database) B's responder among the viewers
    const seenOnA = await readEvents(
      bodyA,
      (events) => entrySeqs(events).includes(seqB) && events.some((e) => e.event === "presence" && (JSON.parse(e.data) as { viewers: { userId: string }[] }).viewers.some((v) => v.userId === responderId)),
      1_000,
    );
    expect(entrySeqs(seenOnA)).toEqual(expect.arrayContaining([seqA, seqB]));
    expect(increasing(entrySeqs(seenOnA))).toBe(true);
    onA.abort.abort();
    onB.abort.abort();
    // the incident as either instance serves it: the same log (up to the seq both reads reached:
    // Ripcord's own entries, e.g. the evidence kept at open, may land between the two reads)
    const logOf = async (server: ServerProcess) => ((await (await call(server, `/api/incidents/${incidentId}`, commander)).json()) as { entries: { seq: number; id: string }[] }).entries;
    const [logB, logA] = [await logOf(b), await logOf(a)];
    const both = Math.min(Math.max(...logA.map((e) => e.seq)), Math.max(...logB.map((e) => e.seq)));
    expect(both).toBeGreaterThanOrEqual(seqB);
    expect(logB.filter((e) => e.seq <= both)).toEqual(logA.filter((e) => e.seq <= both));
  });

  it("an SSE stream resumed on the other instance misses and doubles nothing", async () => {
    const incidentId = ((await (await call(a, "/api/incidents", commander, { title: "Resume across instances", scope: { topics: [], groups: [], services: [] } })).json()) as { incident: { id: string } }).incident.id;
    const first = stream(a, incidentId, responder);
    const body = await first.body;
    const before = await readEvents(body, (events) => events.some((e) => e.event === "ready"));
    const lastSeen = Math.max(...entrySeqs(before));
    first.abort.abort();
    // written on both instances while the client is away
    for (let i = 0; i < 6; i++) {
      const res = await call(i % 2 ? b : a, `/api/incidents/${incidentId}/annotations`, i % 2 ? responder : commander, { annotationKind: "observation", body: `while away ${i}` });
      expect(res.status).toBe(201);
    }
    const resumed = stream(b, incidentId, responder, lastSeen);
    const after = await readEvents(await resumed.body, (events) => events.some((e) => e.event === "ready"));
    resumed.abort.abort();
    // exactly the stored entries after the last one seen (the sampler may add its own), once each, in order
    const stored = ((await (await call(a, `/api/incidents/${incidentId}`, commander)).json()) as { entries: { seq: number; payload: { body?: string } }[] }).entries;
    expect(entrySeqs(after)).toEqual(stored.filter((e) => e.seq > lastSeen).map((e) => e.seq));
    expect(stored.filter((e) => e.seq > lastSeen && e.payload.body?.startsWith("while away")).map((e) => e.payload.body)).toEqual(Array.from({ length: 6 }, (_, i) => `while away ${i}`));
  });

  it("bench:collab against the pair loses and doubles nothing", async () => {
    // async, not spawnSync: a blocked event loop keeps this process's idle keep-alive sockets
    // past the servers' timeout, and the next request would go out on a closed one
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "-C", "react-server", "scripts/bench/collab.ts", "--seconds", "5", "--json", "--database", "postgresql"], {
        env: { ...process.env, BENCH_URL: `${a.url},${b.url}`, BENCH_ADMIN_EMAIL: "root@two.test", BENCH_ADMIN_PASSWORD: PASSWORD, BENCH_WRITERS: "8", BENCH_LISTENERS: "8" },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("exit", (status) => resolve({ status, stdout, stderr }));
    });
    const last = run.stdout.trim().split("\n").pop() ?? "";
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const result = JSON.parse(last) as { writes: number; lost: number; duplicated: number; instances: number; outOfOrder: number; gaplessLog: boolean };
    expect(result).toMatchObject({ instances: 2, lost: 0, duplicated: 0, outOfOrder: 0, gaplessLog: true });
    expect(result.writes).toBeGreaterThan(0);
  }, 180_000);

  it("SIGKILL of the instance holding the sampler lock: the other takes over within one interval, no double samples", async () => {
    const status = async (server: ServerProcess) => ((await (await call(server, "/api/cluster", admin)).json()) as { sampler: { leader: boolean } }).sampler;
    const leaders = await waitFor(async () => [(await status(a)).leader, (await status(b)).leader], (l) => l.filter(Boolean).length === 1, { what: "exactly one sampler leader", timeoutMs: 30_000 });
    const [leader, survivor] = leaders[0] ? [a, b] : [b, a];
    const cluster = async () => (await queryRows<{ cluster: string }>(a.databaseUrl, 'SELECT "cluster" FROM "EvidenceSample" ORDER BY "takenAt" DESC LIMIT 1'))[0]?.cluster;
    await waitFor(cluster, Boolean, { what: "a stored sample", timeoutMs: 30_000 });
    await leader.kill();
    const killedAt = Date.now();
    // the survivor tries the lock at every tick: it leads within one interval (plus the poll)
    await waitFor(async () => (await status(survivor)).leader, Boolean, { what: "the survivor leading", timeoutMs: INTERVAL_MS + 1_000, intervalMs: 100 });
    const tookOverMs = Date.now() - killedAt;
    expect(tookOverMs).toBeLessThanOrEqual(INTERVAL_MS + 1_000);
    // it stores samples from then on; never two in one interval (a second sampler would put
    // its samples between the leader's: half an interval apart on average)
    const samples = async () => (await queryRows<{ takenAt: Date | string }>(a.databaseUrl, 'SELECT "takenAt" FROM "EvidenceSample" ORDER BY "takenAt"')).map((r) => new Date(r.takenAt).getTime());
    const all = await waitFor(samples, (ts) => ts.filter((t) => t > killedAt).length >= 2, { what: "two samples by the new leader", timeoutMs: 4 * INTERVAL_MS });
    const gaps = all.slice(1).map((t, i) => t - all[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL_MS * 0.75);
  }, 120_000);
});
