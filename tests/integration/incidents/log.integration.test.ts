import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getIncident } from "@/app/api/incidents/[id]/route";
import { POST as annotate } from "@/app/api/incidents/[id]/annotations/route";
import { POST as correct } from "@/app/api/incidents/[id]/corrections/route";
import { POST as changeStatus } from "@/app/api/incidents/[id]/status/route";
import { GET as stream } from "@/app/api/incidents/[id]/stream/route";
import { GET as list, POST as open } from "@/app/api/incidents/route";
import { POST as postEvent } from "@/app/api/events/route";
import { createApiToken } from "@/lib/server/auth/create-token";
import { db } from "@/lib/server/db";
import { ctx, get, post, readEvents, signedIn } from "./support";

type Entry = { id: string; seq: number; kind: string; payload: Record<string, unknown> };

describe("the incident log over the real route handlers and the database", () => {
  let commander: Awaited<ReturnType<typeof signedIn>>;
  let responder: Awaited<ReturnType<typeof signedIn>>;
  let viewer: Awaited<ReturnType<typeof signedIn>>;
  let incidentId = "";
  const groupName = `billing-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    [commander, responder, viewer] = [await signedIn("commander"), await signedIn("responder"), await signedIn("viewer")];
    const res = await open(post("/api/incidents", { title: "Billing consumer lag", scope: { topics: ["orders"], groups: [groupName], services: ["billing"] } }, commander.cookie), ctx());
    expect(res.status).toBe(201);
    incidentId = ((await res.json()) as { incident: { id: string } }).incident.id;
  });

  const annotation = (body: string, key?: string) => post(`/api/incidents/${incidentId}/annotations`, { annotationKind: "observation", body, idempotencyKey: key }, responder.cookie);

  it("stores a retried write with the same idempotency key once", async () => {
    const key = randomUUID();
    const first = await annotate(annotation("lag started at 09:12", key), ctx({ id: incidentId }));
    const retry = await annotate(annotation("lag started at 09:12", key), ctx({ id: incidentId }));
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    const a = (await first.json()) as { entry: Entry; duplicate: boolean };
    const b = (await retry.json()) as { entry: Entry; duplicate: boolean };
    expect(b).toMatchObject({ duplicate: true, entry: { id: a.entry.id, seq: a.entry.seq } });
    expect(await db().incidentEntry.count({ where: { idempotencyKey: key } })).toBe(1);
    // concurrent retries too
    const key2 = randomUUID();
    const results = await Promise.all(Array.from({ length: 5 }, () => annotate(annotation("burst", key2), ctx({ id: incidentId }))));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(await db().incidentEntry.count({ where: { idempotencyKey: key2 } })).toBe(1);
  });

  it("scopes idempotency keys to the caller: another person's key never swallows your entry", async () => {
    const key = randomUUID();
    const mine = await annotate(annotation("responder's note", key), ctx({ id: incidentId }));
    const theirs = await annotate(post(`/api/incidents/${incidentId}/annotations`, { annotationKind: "observation", body: "commander's note", idempotencyKey: key }, commander.cookie), ctx({ id: incidentId }));
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    const [a, b] = [(await mine.json()) as { entry: Entry }, (await theirs.json()) as { entry: Entry }];
    expect(b.entry.id).not.toBe(a.entry.id);
    expect(b.entry.payload.body).toBe("commander's note");
    expect(await db().incidentEntry.count({ where: { idempotencyKey: key } })).toBe(2);
    // the same caller's retry still gets its own entry back
    const retry = await annotate(post(`/api/incidents/${incidentId}/annotations`, { annotationKind: "observation", body: "commander's note", idempotencyKey: key }, commander.cookie), ctx({ id: incidentId }));
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { entry: Entry }).entry.id).toBe(b.entry.id);
  });

  it("commits concurrent appends (batched) gapless and each exactly once, a refused one refusing only itself", async () => {
    const before = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });
    const keys = Array.from({ length: 60 }, () => randomUUID());
    // 60 distinct notes, each sent twice at once (a client retry racing its original), plus a forbidden status change
    const writes = [...keys, ...keys].map((key, i) => annotate(annotation(`burst ${keys.indexOf(key)}`, key), ctx({ id: incidentId })).then(async (r) => ({ i, status: r.status, body: (await r.json()) as { entry: Entry } })));
    const forbidden = changeStatus(post(`/api/incidents/${incidentId}/status`, { to: "closed" }, commander.cookie), ctx({ id: incidentId }));
    const results = await Promise.all(writes);
    expect((await forbidden).status).toBe(422);
    expect(results.filter((r) => r.status === 201)).toHaveLength(60);
    expect(results.filter((r) => r.status === 200)).toHaveLength(60);
    const byKey = new Map<string, Set<string>>();
    results.forEach((r) => {
      const key = keys[r.i % 60]!;
      byKey.set(key, (byKey.get(key) ?? new Set()).add(r.body.entry.id));
    });
    expect([...byKey.values()].every((ids) => ids.size === 1)).toBe(true);
    // Ripcord's own entries (the evidence watcher's, from this or another process on a shared
    // PostgreSQL) may land between the notes: the log stays gapless and holds each note once.
    const rows = await db().incidentEntry.findMany({ where: { incidentId, seq: { gt: before.lastSeq } }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: rows.length }, (_, i) => before.lastSeq + 1 + i));
    const notes = rows.filter((r) => r.kind === "annotation");
    expect(notes).toHaveLength(60);
    expect(new Set(notes.map((r) => r.idempotencyKey))).toEqual(new Set(keys));
    expect(rows.filter((r) => r.kind !== "annotation").every((r) => r.authorKind === "system")).toBe(true);
    expect((await db().incident.findUniqueOrThrow({ where: { id: incidentId } })).lastSeq).toBe(before.lastSeq + rows.length);
  });

  it("refuses edits and deletions of log entries at the database", async () => {
    const entry = await db().incidentEntry.findFirstOrThrow({ where: { incidentId } });
    // The triggers RAISE(ABORT); Prisma's adapter reports that under a generic constraint message.
    await expect(db().incidentEntry.update({ where: { id: entry.id }, data: { payload: "{}" } })).rejects.toThrow();
    await expect(db().incidentEntry.delete({ where: { id: entry.id } })).rejects.toThrow();
    await expect(db().$executeRawUnsafe(`DELETE FROM "IncidentEntry" WHERE id = '${entry.id}'`)).rejects.toThrow(/append-only/);
    expect(await db().incidentEntry.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
  });

  it("answers a stale expectedVersion with 409 so two people never silently overwrite each other", async () => {
    const detail = (await (await getIncident(get(`/api/incidents/${incidentId}`, viewer.cookie), ctx({ id: incidentId }))).json()) as { state: { itemVersions: Record<string, number> } };
    const version = detail.state.itemVersions.status ?? 0;
    const a = await changeStatus(post(`/api/incidents/${incidentId}/status`, { to: "triage", expectedVersion: version }, commander.cookie), ctx({ id: incidentId }));
    const b = await changeStatus(post(`/api/incidents/${incidentId}/status`, { to: "mitigation", expectedVersion: version }, commander.cookie), ctx({ id: incidentId }));
    expect(a.status).toBe(201);
    expect(b.status).toBe(409);
    expect(((await b.json()) as { currentVersion: number }).currentVersion).toBeGreaterThan(version);
    const bad = await changeStatus(post(`/api/incidents/${incidentId}/status`, { to: "closed" }, commander.cookie), ctx({ id: incidentId }));
    expect(bad.status).toBe(422);
  });

  it("enforces roles on every write and names the bad field", async () => {
    const viewerPost = await annotate(post(`/api/incidents/${incidentId}/annotations`, { annotationKind: "observation", body: "x" }, viewer.cookie), ctx({ id: incidentId }));
    expect(viewerPost.status).toBe(403);
    const responderStatus = await changeStatus(post(`/api/incidents/${incidentId}/status`, { to: "mitigation" }, responder.cookie), ctx({ id: incidentId }));
    expect(responderStatus.status).toBe(403);
    const bad = await annotate(post(`/api/incidents/${incidentId}/annotations`, { annotationKind: "rumour", body: "x" }, responder.cookie), ctx({ id: incidentId }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toContain("body.annotationKind");
    const big = await annotate(annotation("x".repeat(70_000)), ctx({ id: incidentId }));
    expect(big.status).toBe(413);
  });

  it("corrects by appending, attaches deploy events by scope, and finds incidents by log text", async () => {
    const first = await db().incidentEntry.findFirstOrThrow({ where: { incidentId, kind: "annotation" } });
    const res = await correct(post(`/api/incidents/${incidentId}/corrections`, { correctsEntryId: first.id, body: "it started at 09:14" }, responder.cookie), ctx({ id: incidentId }));
    expect(res.status).toBe(201);
    const { token } = await createApiToken({ name: "ci", role: "responder", kind: "machine" });
    const ev = await postEvent(
      new Request("http://localhost/api/events", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ type: "deploy", description: "billing v2.3.1", groups: [groupName] }) }),
      ctx(),
    );
    expect(ev.status).toBe(201);
    expect(((await ev.json()) as { attachedTo: { incidentId: string }[] }).attachedTo.map((a) => a.incidentId)).toEqual([incidentId]);
    const found = (await (await list(get("/api/incidents?q=09:14", viewer.cookie), ctx())).json()) as { incidents: { id: string }[] };
    expect(found.incidents.map((i) => i.id)).toContain(incidentId);
    // case does not matter, on either database (the title is "Billing consumer lag")
    const upper = (await (await list(get("/api/incidents?q=BILLING%20CONSUMER", viewer.cookie), ctx())).json()) as { incidents: { id: string }[] };
    expect(upper.incidents.map((i) => i.id)).toContain(incidentId);
    const none = (await (await list(get(`/api/incidents?q=${randomUUID()}`, viewer.cookie), ctx())).json()) as { incidents: unknown[] };
    expect(none.incidents).toEqual([]);
  });

  it("streams the log over SSE and resumes after Last-Event-ID exactly once", async () => {
    const abort = new AbortController();
    const res = await stream(get(`/api/incidents/${incidentId}/stream`, viewer.cookie, { "last-event-id": "3" }, abort.signal), ctx({ id: incidentId }));
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const body = res.body!;
    // write while the replay is running: must come exactly once, after the replayed ones
    const writes = Promise.all(Array.from({ length: 10 }, (_, i) => annotate(annotation(`live ${i}`), ctx({ id: incidentId }))));
    await writes;
    const last = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });
    const events = await readEvents(body, (evs) => evs.some((e) => e.event === "entry" && Number(e.id) === last.lastSeq));
    abort.abort();
    const seqs = events.filter((e) => e.event === "entry").map((e) => Number(e.id));
    expect(seqs).toEqual(Array.from({ length: last.lastSeq - 3 }, (_, i) => i + 4));
    expect(events.some((e) => e.event === "ready")).toBe(true);
  });
});
