import { describe, expect, it } from "vitest";
import { POST as postEvent } from "@/app/api/events/route";
import { GET as getIncident } from "@/app/api/incidents/[id]/route";
import { POST as open } from "@/app/api/incidents/route";
import { getSampler } from "@/lib/server/evidence/get-sampler";
import { uniqueName, waitFor } from "../helpers";
import { ctx, get, post, signedIn } from "./support";

type Entry = { kind: string; author: { kind: string }; payload: { type?: string; description?: string; at?: string } };

// Deploy and schema-change events are kept per scope whether or not an incident is open: an
// incident opened later finds the ones in its window on its timeline (issue 12).
describe("events kept per scope", () => {
  it("a deploy recorded while no incident is open shows on an incident opened later for its scope, once; one from outside the window does not", async () => {
    getSampler(); // as the server does at start-up: the incident-log watcher runs
    const responder = await signedIn("responder");
    const commander = await signedIn("commander");
    const topic = uniqueName("it-events-orders");
    const other = uniqueName("it-events-unrelated");
    const deployAt = new Date(Date.now() - 20 * 60_000).toISOString();
    const recorded = await postEvent(post("/api/events", { type: "deploy", description: `orders-api v7 (${topic})`, service: "orders-api", at: deployAt, topics: [topic], groups: [], idempotencyKey: `${topic}-deploy` }, responder.cookie), ctx());
    expect(recorded.status).toBe(201);
    expect(((await recorded.json()) as { attachedTo: unknown[] }).attachedTo).toEqual([]); // nothing open yet
    // the same post again (a retry) is kept once
    expect((await postEvent(post("/api/events", { type: "deploy", description: `orders-api v7 (${topic})`, service: "orders-api", at: deployAt, topics: [topic], groups: [], idempotencyKey: `${topic}-deploy` }, responder.cookie), ctx())).status).toBe(201);
    // three hours ago: outside the window of an incident whose impact started 10 minutes ago
    await postEvent(post("/api/events", { type: "schema-change", description: `old change (${topic})`, at: new Date(Date.now() - 3 * 3_600_000).toISOString(), topics: [topic], groups: [] }, responder.cookie), ctx());
    await postEvent(post("/api/events", { type: "deploy", description: `unrelated (${other})`, topics: [other], groups: [] }, responder.cookie), ctx());

    const res = await open(post("/api/incidents", { title: "Orders lag", scope: { topics: [topic], groups: [], services: [] }, impactStartedAt: new Date(Date.now() - 10 * 60_000).toISOString() }, commander.cookie), ctx());
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { incident: { id: string } }).incident.id;
    const entries = async () => ((await (await getIncident(get(`/api/incidents/${id}`, commander.cookie), ctx({ id }))).json()) as { entries: Entry[] }).entries;
    const events = (await waitFor(entries, (es) => es.some((e) => e.kind === "event"), { what: "the kept deploy on the new incident's log" })).filter((e) => e.kind === "event");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ author: { kind: "system" }, payload: { type: "deploy", description: `orders-api v7 (${topic})`, at: deployAt } });
  });
});
