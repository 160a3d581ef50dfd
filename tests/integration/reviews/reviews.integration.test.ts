import { beforeAll, describe, expect, it } from "vitest";
import { POST as open } from "@/app/api/incidents/route";
import { POST as changeStatus } from "@/app/api/incidents/[id]/status/route";
import { POST as annotate } from "@/app/api/incidents/[id]/annotations/route";
import { GET as getReview, PUT as putReview } from "@/app/api/incidents/[id]/review/route";
import { POST as changeState } from "@/app/api/incidents/[id]/review/state/route";
import { POST as createItem } from "@/app/api/incidents/[id]/review/action-items/route";
import { DELETE as deleteItem, PATCH as patchItem } from "@/app/api/incidents/[id]/review/action-items/[itemId]/route";
import { GET as getMarkdown } from "@/app/api/incidents/[id]/review.md/route";
import { GET as exportJson } from "@/app/api/incidents/[id]/export.json/route";
import { POST as pin } from "@/app/api/incidents/[id]/pins/route";
import { GET as metrics } from "@/app/api/metrics/route";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { SYSTEM_AUTHOR } from "@/lib/server/incidents/mappers";
import { ctx, get, post, signedIn } from "../incidents/support";

type User = Awaited<ReturnType<typeof signedIn>>;
const send = (method: string, url: string, body: unknown, cookie: string) =>
  new Request(`http://localhost${url}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { "content-type": "application/json", cookie } });
const content = (summary: string) => ({ summary, contributingFactors: [{ category: "process", text: "no schema gate" }], fiveWhys: [{ question: "Why?", answer: "Because." }], controlLoops: ["schema-compatibility"] });

async function openIncident(commander: User, title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await open(post("/api/incidents", { title, scope: { topics: [], groups: ["billing-it"], services: [] }, ...extra }, commander.cookie), ctx());
  expect(res.status).toBe(201);
  return ((await res.json()) as { incident: { id: string } }).incident.id;
}

async function resolve(commander: User, id: string) {
  for (const to of ["resolution", "review"]) {
    // resolving needs a passing recovery verification or a written override (change-status.ts)
    const res = await changeStatus(post(`/api/incidents/${id}/status`, { to, verificationOverride: "test incident: no consumer group to verify" }, commander.cookie), ctx({ id }));
    expect(res.status).toBe(201);
  }
}

describe("post-incident reviews over the real route handlers and SQLite", () => {
  let commander: User;
  let viewer: User;
  let responder: User;
  let id = "";

  beforeAll(async () => {
    [commander, viewer, responder] = [await signedIn("commander"), await signedIn("viewer"), await signedIn("responder")];
    id = await openIncident(commander, "Billing consumer stopped", { impactStartedAt: new Date(Date.now() - 20 * 60_000).toISOString() });
  });

  it("reads an unsaved review as an empty draft at version 0", async () => {
    const res = await getReview(get(`/api/incidents/${id}/review`, viewer.cookie), ctx({ id }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { review: { state: string; version: number }; document: { timeline: unknown[]; impact: { lost: string } } };
    expect(body.review).toMatchObject({ state: "draft", version: 0 });
    expect(body.document.timeline.length).toBeGreaterThan(0);
    const missing = await getReview(get(`/api/incidents/nope/review`, viewer.cookie), ctx({ id: "nope" }));
    expect(missing.status).toBe(404);
  });

  it("refuses every write from a viewer (403) and a responder (403)", async () => {
    for (const who of [viewer, responder]) {
      expect((await putReview(send("PUT", `/api/incidents/${id}/review`, { version: 0, content: content("x") }, who.cookie), ctx({ id }))).status).toBe(403);
      expect((await changeState(post(`/api/incidents/${id}/review/state`, { to: "in-review", version: 0 }, who.cookie), ctx({ id }))).status).toBe(403);
      expect((await createItem(post(`/api/incidents/${id}/review/action-items`, { title: "Add alert", type: "detect", owner: "SRE" }, who.cookie), ctx({ id }))).status).toBe(403);
      expect((await pin(post(`/api/incidents/${id}/pins`, { entryId: "x" }, who.cookie), ctx({ id }))).status).toBe(403);
    }
  });

  it("saves with optimistic concurrency: a stale version gets 409 with the current one", async () => {
    const first = await putReview(send("PUT", `/api/incidents/${id}/review`, { version: 0, content: content("first") }, commander.cookie), ctx({ id }));
    expect(first.status).toBe(200);
    expect(((await first.json()) as { review: { version: number } }).review.version).toBe(1);
    const second = await putReview(send("PUT", `/api/incidents/${id}/review`, { version: 1, content: content("second") }, commander.cookie), ctx({ id }));
    expect(second.status).toBe(200);
    const stale = await putReview(send("PUT", `/api/incidents/${id}/review`, { version: 1, content: content("stale") }, commander.cookie), ctx({ id }));
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { currentVersion: number }).currentVersion).toBe(2);
    const recreate = await putReview(send("PUT", `/api/incidents/${id}/review`, { version: 0, content: content("again") }, commander.cookie), ctx({ id }));
    expect(recreate.status).toBe(409);
    const bad = await putReview(send("PUT", `/api/incidents/${id}/review`, { version: 2, content: { controlLoops: ["vibes"] } }, commander.cookie), ctx({ id }));
    expect(bad.status).toBe(400);
  });

  it("moves draft → in review → published only, needs the incident resolved to publish, and freezes it read-only", async () => {
    const skip = await changeState(post(`/api/incidents/${id}/review/state`, { to: "published", version: 2 }, commander.cookie), ctx({ id }));
    expect(skip.status).toBe(422);
    const toReview = await changeState(post(`/api/incidents/${id}/review/state`, { to: "in-review", version: 2 }, commander.cookie), ctx({ id }));
    expect(toReview.status).toBe(200);
    const back = await changeState(post(`/api/incidents/${id}/review/state`, { to: "draft", version: 3 }, commander.cookie), ctx({ id }));
    expect(back.status).toBe(200);
    expect((await changeState(post(`/api/incidents/${id}/review/state`, { to: "in-review", version: 3 }, commander.cookie), ctx({ id }))).status).toBe(409);
    expect((await changeState(post(`/api/incidents/${id}/review/state`, { to: "in-review", version: 4 }, commander.cookie), ctx({ id }))).status).toBe(200);

    // pin an observation and add an action item while it is still editable
    const note = await annotate(post(`/api/incidents/${id}/annotations`, { annotationKind: "observation", body: "committed offsets frozen since 09:12" }, responder.cookie), ctx({ id }));
    const entryId = ((await note.json()) as { entry: { id: string } }).entry.id;
    expect((await pin(post(`/api/incidents/${id}/pins`, { entryId }, commander.cookie), ctx({ id }))).status).toBe(201);
    expect((await pin(post(`/api/incidents/${id}/pins`, { entryId: "not-here" }, commander.cookie), ctx({ id }))).status).toBe(422);
    const item = await createItem(post(`/api/incidents/${id}/review/action-items`, { title: "Freshness SLO on billing", type: "detect", owner: "Payments SRE", dueDate: "2030-01-31", control: "freshness-slo" }, commander.cookie), ctx({ id }));
    expect(item.status).toBe(201);
    const itemId = ((await item.json()) as { actionItem: { id: string } }).actionItem.id;
    const extra = await createItem(post(`/api/incidents/${id}/review/action-items`, { title: "Drop me", type: "prevent", owner: "x" }, commander.cookie), ctx({ id }));
    const extraId = ((await extra.json()) as { actionItem: { id: string } }).actionItem.id;
    expect((await deleteItem(send("DELETE", `/api/incidents/${id}/review/action-items/${extraId}?version=9`, undefined, commander.cookie), ctx({ id, itemId: extraId }))).status).toBe(409);
    expect((await deleteItem(send("DELETE", `/api/incidents/${id}/review/action-items/${extraId}?version=1`, undefined, commander.cookie), ctx({ id, itemId: extraId }))).status).toBe(204);

    const early = await changeState(post(`/api/incidents/${id}/review/state`, { to: "published", version: 5 }, commander.cookie), ctx({ id }));
    expect(early.status).toBe(422);
    await resolve(commander, id);
    const published = await changeState(post(`/api/incidents/${id}/review/state`, { to: "published", version: 5 }, commander.cookie), ctx({ id }));
    expect(published.status).toBe(200);
    expect(((await published.json()) as { review: { state: string; publishedBy: string } }).review).toMatchObject({ state: "published", publishedBy: commander.name });

    // read-only from now on
    expect((await putReview(send("PUT", `/api/incidents/${id}/review`, { version: 6, content: content("edit") }, commander.cookie), ctx({ id }))).status).toBe(409);
    expect((await changeState(post(`/api/incidents/${id}/review/state`, { to: "draft", version: 6 }, commander.cookie), ctx({ id }))).status).toBe(409);
    expect((await createItem(post(`/api/incidents/${id}/review/action-items`, { title: "Late idea", type: "prevent", owner: "x" }, commander.cookie), ctx({ id }))).status).toBe(409);
    expect((await pin(post(`/api/incidents/${id}/pins`, { entryId, pinned: false }, commander.cookie), ctx({ id }))).status).toBe(409);
    expect((await patchItem(send("PATCH", `/api/incidents/${id}/review/action-items/${itemId}`, { version: 1, title: "Reworded" }, commander.cookie), ctx({ id, itemId }))).status).toBe(409);
    // …but its action items are still tracked
    const done = await patchItem(send("PATCH", `/api/incidents/${id}/review/action-items/${itemId}`, { version: 1, status: "in-progress" }, commander.cookie), ctx({ id, itemId }));
    expect(done.status).toBe(200);
    expect((await patchItem(send("PATCH", `/api/incidents/${id}/review/action-items/${itemId}`, { version: 1, status: "done" }, commander.cookie), ctx({ id, itemId }))).status).toBe(409);

    // the frozen document ignores later log entries
    await annotate(post(`/api/incidents/${id}/annotations`, { annotationKind: "observation", body: "written after publishing" }, responder.cookie), ctx({ id }));
    const md = await getMarkdown(get(`/api/incidents/${id}/review.md`, viewer.cookie), ctx({ id }));
    expect(md.status).toBe(200);
    expect(md.headers.get("content-disposition")).toMatch(/^attachment; filename="review-billing-consumer-stopped-.+\.md"$/);
    const text = await md.text();
    expect(text).toContain("committed offsets frozen since 09:12");
    expect(text).not.toContain("written after publishing");
    expect(text).toContain("| Freshness SLO on billing | Detect | Payments SRE | 2030-01-31 | In progress |");
    expect(text).toContain("- no schema gate");
  });

  it("exports the whole incident as JSON: incident, log and review", async () => {
    const res = await exportJson(get(`/api/incidents/${id}/export.json`, viewer.cookie), ctx({ id }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const body = (await res.json()) as { incident: { id: string }; log: { kind: string }[]; review: { state: string; document: { content: { summary: string } } } };
    expect(body.incident.id).toBe(id);
    expect(body.log.map((e) => e.kind)).toContain("review-state-changed");
    expect(body.review).toMatchObject({ state: "published", document: { content: { summary: "second" } } });
  });

  it("leaves drills out of the metrics unless asked for", async () => {
    const drillTitle = `Drill ${Date.now()}`;
    const drillId = await openIncident(commander, drillTitle);
    await appendEntry({ incidentId: drillId, kind: "drill-flagged", author: SYSTEM_AUTHOR, payload: { drill: true } });
    const read = async (q: string) => {
      const res = await metrics(get(`/api/metrics${q}`, viewer.cookie), ctx());
      expect(res.status).toBe(200);
      return (await res.json()) as { dashboard: { incidentCount: number; drillsExcluded: number; summary: { mttr: { n: number; m: number } } }; reviews: { incidentId: string; reviewState: string }[] };
    };
    const without = await read("");
    expect(without.reviews.some((r) => r.incidentId === drillId)).toBe(false);
    expect(without.reviews.find((r) => r.incidentId === id)?.reviewState).toBe("published");
    expect(without.dashboard.drillsExcluded).toBeGreaterThanOrEqual(1);
    expect(without.dashboard.summary.mttr.n).toBeLessThanOrEqual(without.dashboard.summary.mttr.m);
    const withDrills = await read("?includeDrills=true");
    expect(withDrills.reviews.some((r) => r.incidentId === drillId)).toBe(true);
    expect(withDrills.dashboard.incidentCount).toBe(without.dashboard.incidentCount + without.dashboard.drillsExcluded);
    expect((await metrics(get(`/api/metrics?includeDrills=maybe`, viewer.cookie), ctx())).status).toBe(400);
  });
});
