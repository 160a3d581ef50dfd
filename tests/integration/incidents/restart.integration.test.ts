import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEvents } from "./support";
import { ServerProcess } from "../../support/server-process";
import { portOf } from "../../../scripts/lib/ports.mjs";

type Entry = { id: string; seq: number; kind: string };

// A production server killed with SIGKILL mid-incident: acknowledged entries survive, and a
// reconnecting SSE client gets exactly the entries it missed.
describe("SIGKILL and restart mid-incident", () => {
  const server = new ServerProcess(portOf("INCIDENTS_RESTART_PORT", 3391));
  let commander = "";
  let responder = "";

  const call = (path: string, token: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    server.freshDatabase();
    await server.start();
    const setup = await fetch(`${server.url}/api/auth/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "root@restart.test", name: "Root", password: "long-enough-password" }) });
    expect(setup.status).toBe(201);
    const cookie = (setup.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const token = async (role: string) => {
      const res = await fetch(`${server.url}/api/tokens`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ name: `it-${role}`, role }) });
      return ((await res.json()) as { token: string }).token;
    };
    commander = await token("commander");
    responder = await token("responder");
  }, 120_000);

  afterAll(() => server.cleanup());

  it("keeps every acknowledged entry and resumes the stream exactly once", async () => {
    const opened = await call("/api/incidents", commander, { title: "Restart drill", scope: { topics: ["orders"], groups: ["billing"], services: [] } });
    expect(opened.status).toBe(201);
    const incidentId = ((await opened.json()) as { incident: { id: string } }).incident.id;

    // A follower connected from the start.
    const follower = new AbortController();
    const streamRes = await fetch(`${server.url}/api/incidents/${incidentId}/stream`, { headers: { authorization: `Bearer ${responder}` }, signal: follower.signal });
    const received: number[] = [];
    const followerBody = streamRes.body!;
    const followerDone = readEvents(followerBody, (evs) => {
      received.splice(0, received.length, ...evs.filter((e) => e.event === "entry").map((e) => Number(e.id)));
      return false;
    }, 60_000).catch(() => undefined);

    // Writers post until the server dies; each 2xx is an acknowledgement.
    const acked = new Map<string, number>();
    const unacked: string[] = [];
    const statuses: number[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const key = `w${w}-${i}-${randomUUID()}`;
        try {
          const res = await call(`/api/incidents/${incidentId}/annotations`, responder, { annotationKind: "observation", body: `writer ${w} note ${i}`, idempotencyKey: key });
          if (res.status === 201) acked.set(((await res.json()) as { entry: Entry }).entry.id, i);
          else {
            statuses.push(res.status);
            unacked.push(key);
          }
        } catch {
          unacked.push(key);
          return;
        }
      }
    };
    const writers = Promise.all(Array.from({ length: 4 }, (_, w) => writer(w)));
    // Kill mid-stream: once a good number of writes were acknowledged, while more are in flight.
    const deadline = Date.now() + 30_000;
    while (acked.size < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await server.kill();
    stop = true;
    await writers;
    follower.abort();
    await followerDone;
    expect(statuses).toEqual([]);
    expect(acked.size).toBeGreaterThanOrEqual(20);
    const lastSeen = Math.max(0, ...received);
    expect(received).toEqual(Array.from({ length: received.length }, (_, i) => i + 1));

    await server.start();
    const detail = (await (await call(`/api/incidents/${incidentId}`, responder)).json()) as { entries: Entry[] };
    const ids = new Set(detail.entries.map((e) => e.id));
    for (const id of acked.keys()) expect(ids.has(id)).toBe(true);
    expect(detail.entries.map((e) => e.seq)).toEqual(Array.from({ length: detail.entries.length }, (_, i) => i + 1));

    // A write whose answer was lost in the crash is retried with its key: stored at most once.
    if (unacked[0]) {
      const retry = await call(`/api/incidents/${incidentId}/annotations`, responder, { annotationKind: "observation", body: "retried", idempotencyKey: unacked[0] });
      expect([200, 201]).toContain(retry.status);
    }
    for (let i = 0; i < 7; i++) expect((await call(`/api/incidents/${incidentId}/annotations`, responder, { annotationKind: "action", body: `after restart ${i}` })).status).toBe(201);
    const after = (await (await call(`/api/incidents/${incidentId}`, responder)).json()) as { entries: Entry[] };
    const lastSeq = Math.max(...after.entries.map((e) => e.seq));
    expect(lastSeq).toBeGreaterThan(lastSeen);

    // The follower reconnects the way EventSource does: Last-Event-ID = the last id it saw.
    const again = new AbortController();
    const resumed = await fetch(`${server.url}/api/incidents/${incidentId}/stream`, { headers: { authorization: `Bearer ${responder}`, "last-event-id": String(lastSeen) }, signal: again.signal });
    const events = await readEvents(resumed.body!, (evs) => evs.some((e) => e.event === "ready"), 15_000);
    again.abort();
    const replayed = events.filter((e) => e.event === "entry").map((e) => Number(e.id));
    // The server may append entries of its own meanwhile (the evidence watcher): the replay runs
    // at least to lastSeq, gapless, from the first missed entry, never repeating one.
    const upTo = Math.max(lastSeq, ...replayed);
    expect(replayed).toEqual(Array.from({ length: upTo - lastSeen }, (_, i) => lastSeen + 1 + i));
    const final = (await (await call(`/api/incidents/${incidentId}`, responder)).json()) as { entries: Entry[] };
    expect([...received, ...replayed]).toEqual(final.entries.map((e) => e.seq).filter((seq) => seq <= upTo));
  }, 180_000);
});
