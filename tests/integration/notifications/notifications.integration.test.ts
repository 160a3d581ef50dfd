import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifySignature } from "@/lib/domain/notifications/signature";
import { uniqueName, waitFor } from "../helpers";
import { createTopics, kafkaFor } from "../kafka/fixtures";
import { ServerProcess } from "../../support/server-process";
import { portOf } from "../../../scripts/lib/ports.mjs";
import { Receiver, type Received } from "./receiver";

type Entry = { id: string; seq: number; kind: string; payload: Record<string, unknown> };
type Delivery = { id: string; channelName: string; incidentId: string; event: string; status: string; attempts: number; lastError: string | null; lastStatus: number | null; audience: string[] };

const TIMEOUT_MS = 1500;
const SECRET = "it-notify-secret-0123456789";

// A real `next start` with its notifier, real HTTP receivers on 127.0.0.1, the run's real Kafka.
// One worker only: a receiver that hangs must not stop the others being served.
describe("notifications to real webhook receivers", () => {
  const server = new ServerProcess(portOf("NOTIFY_IT_PORT", 3797), {
    name: "notify-it",
    env: {
      KAFKA_CLUSTER_NAME: "notify-it",
      RIPCORD_PUBLIC_URL: "https://ripcord.example",
      RIPCORD_NOTIFY_WORKERS: "1",
      RIPCORD_NOTIFY_TIMEOUT_MS: String(TIMEOUT_MS),
      RIPCORD_NOTIFY_RETRY_BASE_MS: "500",
      RIPCORD_NOTIFY_RETRY_MAX_MS: "1000",
    },
  });
  const team = new Receiver(); // the catalog entry's channel, json, signed
  const room = new Receiver(); // the cluster's default channel, slack
  const approvers = new Receiver(); // the approvers' channel, slack
  const platform = new Receiver(); // the platform team's channel, json
  const hang = new Receiver();
  hang.answer = () => "hang";
  let admin = "";
  let commander = "";
  let secondPerson = "";
  const group = uniqueName("it-notify-sink");
  const topic = uniqueName("it-notify-orders");
  const kafka = kafkaFor();
  const kafkaAdmin = kafka.admin();

  const call = async <T = Record<string, unknown>>(path: string, token: string, body?: unknown, method?: string) => {
    const res = await fetch(`${server.url}${path}`, {
      method: method ?? (body === undefined ? "GET" : "POST"),
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const entries = async (id: string) => (await call<{ entries: Entry[] }>(`/api/incidents/${id}`, admin)).body.entries;
  const deliveries = async (incidentId: string) => (await call<{ deliveries: Delivery[] }>(`/api/notifications/deliveries?incidentId=${incidentId}&limit=500`, admin)).body.deliveries;
  const about = (r: Receiver, incidentId: string, event: string) => r.received.filter((x) => x.headers["x-ripcord-event"] === event && JSON.stringify(x.json).includes(incidentId));

  beforeAll(async () => {
    await kafkaAdmin.connect();
    await createTopics(kafkaAdmin, [{ topic, numPartitions: 1, replicationFactor: 1 }]);
    server.freshDatabase();
    await server.start();
    const setup = await fetch(`${server.url}/api/auth/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "root@notify.test", name: "Root", password: "long-enough-password" }) });
    expect(setup.status).toBe(201);
    const cookie = (setup.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const token = async (role: string, name: string) => {
      const res = await fetch(`${server.url}/api/tokens`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ name, role }) });
      return ((await res.json()) as { token: string }).token;
    };
    admin = await token("admin", "it-admin");
    commander = await token("commander", "it-commander");
    // a second person (separation of duties: nobody approves what they requested themselves)
    const created = await fetch(`${server.url}/api/users`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ email: "second@notify.test", name: "Second Person", password: "long-enough-password", role: "responder" }) });
    expect(created.status).toBe(201);
    const login = await fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "second@notify.test", password: "long-enough-password" }) });
    expect(login.status).toBe(200);
    secondPerson = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const channels = [
      { name: "team", url: `${await team.start()}/hooks/team`, format: "json", secret: SECRET },
      { name: "room", url: `${await room.start()}/services/T0/B0/room`, format: "slack" },
      { name: "approvers", url: `${await approvers.start()}/hooks/approvers`, format: "slack" },
      { name: "platform", url: `${await platform.start()}/hooks/platform`, format: "json" },
      { name: "hang", url: `${await hang.start()}/hooks/hang`, format: "json" },
    ];
    for (const c of channels) expect((await call("/api/notifications/channels", admin, c)).status).toBe(201);
    const routing = await call(`/api/notifications/routing/notify-it`, admin, { defaultChannel: "room", approversChannel: "approvers", platformChannel: "platform", platformOwner: { name: "Streaming platform", contact: "pagerduty:PLATFORM" } }, "PUT");
    expect(routing.status).toBe(200);
    const entry = await call("/api/catalog", admin, {
      group,
      service: "orders-sink",
      team: "orders",
      tier: "critical",
      freshnessSloSeconds: 20,
      owners: { impact: { name: "Checkout", contact: "slack:#checkout" }, diagnosis: { name: "Orders team", contact: "slack:#orders" }, action: { name: "Orders on-call", contact: "pagerduty:ORDERS" } },
      runbook: "https://runbooks.example/orders-sink",
      reads: [topic],
      channels: ["team"],
    });
    expect(entry.status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    server.cleanup();
    for (const r of [team, room, approvers, platform, hang]) await r.stop();
    await kafkaAdmin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await kafkaAdmin.disconnect();
  });

  it("refuses a channel URL that is not http(s) or points at the server itself, naming the field", async () => {
    const bad = [
      { url: "ftp://hooks.example.com/x", why: /http\(s\)/ },
      { url: "file:///etc/passwd", why: /http\(s\)/ },
      { url: `${server.url}/api/alerts/webhook`, why: /points at this Ripcord server/ },
      { url: `http://localhost:${server.port}/api/alerts/webhook`, why: /points at this Ripcord server/ },
      { url: `http://[::1]:${server.port}/x`, why: /points at this Ripcord server/ },
      { url: `http://0.0.0.0:${server.port}/x`, why: /points at this Ripcord server/ },
    ];
    for (const b of bad) {
      const res = await call<{ errors: { path: string; message: string }[]; detail: string }>("/api/notifications/channels", admin, { name: "bad", url: b.url, format: "json" });
      expect(res.status, b.url).toBe(400);
      expect(res.body.errors.map((e) => e.path), b.url).toContain("body.url");
      expect(res.body.detail, b.url).toMatch(b.why);
    }
    expect((await call("/api/notifications/channels", admin, { name: "bad", url: "https://x.example/h", format: "teams" })).body).toMatchObject({ errors: [{ path: "body.format" }] });
    expect((await call("/api/notifications/channels", commander, { name: "c", url: "https://x.example/h", format: "json" })).status).toBe(403);
    const unknown = await call<{ errors: { path: string }[] }>("/api/catalog", admin, { topic: "x-unknown", service: "s", team: "t", owners: { impact: { name: "a", contact: "b" }, diagnosis: { name: "a", contact: "b" }, action: { name: "a", contact: "b" } }, channels: ["nowhere"] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]?.path).toBe("body.channels.0");
    // the listing never carries a secret
    const listed = await call<{ channels: Record<string, unknown>[] }>("/api/notifications/channels", admin);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
    expect(listed.body.channels.find((c) => c.name === "team")).toMatchObject({ signed: true, usedBy: [`group ${group}`] });
  });

  it("announces an incident opened by hand with its owners: a signed JSON delivery naming it and a Slack body linking to it", async () => {
    const opened = await call<{ incident: { id: string } }>("/api/incidents", commander, { title: "orders-sink stopped", scope: { topics: [topic], groups: [group], services: [] }, impactStartedAt: new Date(Date.now() - 60_000).toISOString() });
    expect(opened.status).toBe(201);
    const id = opened.body.incident.id;
    const [delivery] = await waitFor(async () => about(team, id, "incident-opened"), (xs) => xs.length >= 1, { what: "the team channel's delivery", timeoutMs: 30_000 });
    const d = delivery as Received;
    expect(d.json).toMatchObject({ version: 1, event: "incident-opened", incident: { id, title: "orders-sink stopped", url: `https://ripcord.example/incidents/${id}` } });
    const signatureOk = verifySignature(SECRET, Number(d.headers["x-ripcord-timestamp"]), d.body, String(d.headers["x-ripcord-signature"]), Math.floor(Date.now() / 1000));
    expect(signatureOk).toBe(true);
    expect(verifySignature("not-the-secret-at-all", Number(d.headers["x-ripcord-timestamp"]), d.body, String(d.headers["x-ripcord-signature"]), Math.floor(Date.now() / 1000))).toBe(false);
    // the channel of the catalog entry speaks for the three owners, each told what they need
    const needs = d.json.needs as { audience: string; who: string; text: string }[];
    expect(needs.map((n) => n.audience)).toEqual(["impact", "diagnosis", "action"]);
    expect(needs[0]?.who).toBe("Checkout (slack:#checkout)");
    expect(needs[0]?.text).toMatch(/impact since \d\d:\d\d:\d\d UTC/);
    expect(needs[2]?.text).toMatch(/runbooks\.example\/orders-sink/);
    const [slack] = await waitFor(async () => about(room, id, "incident-opened"), (xs) => xs.length >= 1, { what: "the room's delivery" });
    expect(String(slack!.json.text)).toContain(`<https://ripcord.example/incidents/${id}|Open the incident in Ripcord>`);
    expect(Array.isArray(slack!.json.blocks)).toBe(true);
    expect(slack!.headers["x-ripcord-signature"]).toBeUndefined();
    // the incident itself carries the routing, though it was opened by hand
    const routed = (await entries(id)).find((e) => e.kind === "owners-suggested");
    expect(routed?.payload).toMatchObject({ side: "consumer", owners: { impact: [{ name: "Checkout" }], diagnosis: [{ name: "Orders team" }], action: [{ name: "Orders on-call" }] }, runbooks: [{ url: "https://runbooks.example/orders-sink" }] });
    const listed = await waitFor(() => deliveries(id), (xs) => xs.filter((x) => x.event === "incident-opened").every((x) => x.status === "delivered") && xs.length >= 2, { what: "both deliveries delivered" });
    expect(listed.filter((x) => x.event === "incident-opened").map((x) => x.channelName).sort()).toEqual(["room", "team"]);
  });

  it("sends a delivery again once a receiver that answered 500 answers 200: the same delivery, nothing lost", async () => {
    let down = true;
    team.answer = () => (down ? "fail" : "ok");
    try {
      const opened = await call<{ incident: { id: string } }>("/api/incidents", commander, { title: "while the team's receiver is down", scope: { topics: [topic], groups: [group], services: [] } });
      const id = opened.body.incident.id;
      // the opening's delivery to the team (the incident's severity proposal may bring the team a second one)
      const opening = (x: { channelName: string; event: string }) => x.channelName === "team" && x.event === "incident-opened";
      const failed = await waitFor(() => deliveries(id), (xs) => xs.some((x) => opening(x) && x.status === "retrying" && x.attempts >= 2), { what: "the team delivery retrying after 500s" });
      expect(failed.find(opening)).toMatchObject({ lastStatus: 500, lastError: expect.stringContaining("answered 500") });
      down = false;
      await waitFor(() => deliveries(id), (xs) => xs.some((x) => x.channelName === "team" && x.status === "delivered"), { what: "the delivery after the receiver came back" });
      const attempts = about(team, id, "incident-opened");
      expect(attempts.length).toBeGreaterThanOrEqual(3);
      // every attempt is the same delivery with the same body: receivers can de-duplicate on the id
      expect(new Set(attempts.map((a) => a.headers["x-ripcord-delivery"])).size).toBe(1);
      expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
    } finally {
      team.answer = () => "ok";
    }
  });

  it("a receiver that hangs holds the one worker only until its timeout; incident writes never wait for it", async () => {
    const entry = await call<{ entry: { id: string } }>("/api/catalog", admin, {
      group: `${group}-hung-route`,
      service: "hang-svc",
      team: "hang",
      owners: { impact: { name: "H", contact: "h" }, diagnosis: { name: "H", contact: "h" }, action: { name: "H", contact: "h" } },
      channels: ["hang"],
    });
    expect(entry.status).toBe(201);
    const opened = await call<{ incident: { id: string } }>("/api/incidents", commander, { title: "towards a hanging receiver", scope: { topics: [], groups: [`${group}-hung-route`], services: [] } });
    const id = opened.body.incident.id;
    await waitFor(async () => hang.hanging, (n) => n >= 1, { what: "the hanging receiver to hold a request" });
    // while the receiver holds Ripcord's request unanswered, an incident write is acknowledged
    expect(hang.hanging).toBeGreaterThanOrEqual(1);
    const note = await call("/api/incidents/" + id + "/annotations", commander, { annotationKind: "observation", body: "written while a receiver hangs" });
    expect(note.status).toBe(201);
    // Ripcord gives up on it (closing the connection) and the single worker serves the room
    const after = await waitFor(() => deliveries(id), (xs) => xs.some((x) => x.channelName === "hang" && x.status === "retrying") && xs.some((x) => x.channelName === "room" && x.status === "delivered"), { what: "hang retrying, room delivered" });
    // the incident's other events (a severity proposal from the evidence engine) may still wait in the queue behind it
    expect(after.find((x) => x.channelName === "hang" && x.status === "retrying")?.lastError).toBe(`no answer within ${TIMEOUT_MS} ms (the receiver hangs or is unreachable)`);
    expect(hang.abandoned).toBeGreaterThanOrEqual(1);
    await call(`/api/catalog/${entry.body.entry.id}`, admin, undefined, "DELETE");
  });

  it("announces a guarded action waiting for approval on the approvers' channel only, and nothing in the message approves it", async () => {
    const opened = await call<{ incident: { id: string } }>("/api/incidents", commander, { title: "retention drill", scope: { topics: [topic], groups: [], services: [] } });
    const id = opened.body.incident.id;
    const requested = await call<{ action: { id: string; status: string; needsApproval: boolean } }>(`/api/incidents/${id}/actions`, commander, { action: { kind: "change-retention", topic, retentionMs: 7_200_000 } });
    expect(requested.status).toBe(201);
    expect(requested.body.action).toMatchObject({ status: "requested", needsApproval: true });
    const actionId = requested.body.action.id;
    const [announced] = await waitFor(async () => about(approvers, id, "approval-waiting"), (xs) => xs.length >= 1, { what: "the approvers' announcement" });
    const text = JSON.stringify(announced!.json);
    expect(text).toContain("Change topic retention");
    expect(text).toMatch(/Sign in to Ripcord/);
    expect((announced!.json.blocks as { type: string }[]).map((b) => b.type)).not.toContain("actions");
    await waitFor(() => deliveries(id), (xs) => xs.some((x) => x.event === "approval-waiting" && x.status === "delivered"), { what: "delivered" });
    expect((await deliveries(id)).filter((x) => x.event === "approval-waiting").map((x) => x.channelName)).toEqual(["approvers"]);
    // every link in the message, followed without signing in (as a chat client or a click would), approves nothing
    const links = [...new Set([...text.matchAll(/https?:\/\/[^\s"|<>\\]+/g)].map((m) => m[0]))];
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      const local = link.replace("https://ripcord.example", server.url);
      if (!local.startsWith(server.url)) continue;
      for (const method of ["GET", "POST"]) await fetch(local, { method, redirect: "manual" }).catch(() => undefined);
    }
    expect((await fetch(`${server.url}/api/incidents/${id}/actions/${actionId}/approve`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(401);
    const action = await call<{ action: { status: string } }>(`/api/incidents/${id}/actions/${actionId}`, admin);
    expect(action.body.action.status).toBe("requested");
    // a second person, signed in, does approve it
    const approved = await fetch(`${server.url}/api/incidents/${id}/actions/${actionId}/approve`, { method: "POST", headers: { cookie: secondPerson, "content-type": "application/json" }, body: "{}" });
    expect(approved.status, await approved.clone().text()).toBe(200);
  });

  it("posts a stakeholder update to the channels and the log, and reminds the room once the next one is due", async () => {
    const opened = await call<{ incident: { id: string } }>("/api/incidents", commander, { title: "update cadence", scope: { topics: [topic], groups: [group], services: [] } });
    const id = opened.body.incident.id;
    const past = await call<{ errors: { path: string }[] }>(`/api/incidents/${id}/updates`, commander, { known: "x x x", impact: "y y y", next: "z z z", nextUpdateAt: new Date(Date.now() - 1000).toISOString() });
    expect(past.status).toBe(400);
    expect(past.body.errors[0]?.path).toBe("body.nextUpdateAt");
    const due = new Date(Date.now() + 3000).toISOString();
    const posted = await call(`/api/incidents/${id}/updates`, commander, { known: "orders-sink stopped consuming at 10:02.", impact: "Checkout dashboards are 5 min stale.", next: "Restart the consumer.", nextUpdateAt: due });
    expect(posted.status).toBe(201);
    const [update] = await waitFor(async () => about(team, id, "stakeholder-update"), (xs) => xs.length >= 1, { what: "the update on the team channel" });
    expect(String(update!.json.summary)).toContain("Checkout dashboards are 5 min stale.");
    const reminder = await waitFor(() => entries(id), (es) => es.some((e) => e.kind === "stakeholder-update-due"), { what: "the reminder entry", timeoutMs: 30_000 });
    expect(reminder.filter((e) => e.kind === "stakeholder-update-due")).toHaveLength(1);
    const [reminded] = await waitFor(async () => about(room, id, "update-due"), (xs) => xs.length >= 1, { what: "the reminder on the room" });
    expect(String(reminded!.json.text)).toMatch(/stakeholder update was due/);
    expect(about(team, id, "update-due")).toHaveLength(0);
  });

  it("moves diagnosis and action to the platform when a commander confirms a broker cause, as a log entry announced on the platform's channel", async () => {
    const opened = await call<{ incident: { id: string } }>("/api/incidents", commander, { title: "lag after a broker restart", scope: { topics: [topic], groups: [group], services: [] } });
    const id = opened.body.incident.id;
    await waitFor(() => entries(id), (es) => es.some((e) => e.kind === "owners-suggested"), { what: "routing at open" });
    const mark = await call(`/api/incidents/${id}/tree/marks`, commander, { leafId: "broker.down", mark: "confirmed", note: "broker 1 was restarted at 10:01" });
    expect(mark.status).toBe(201);
    const changed = await waitFor(() => entries(id), (es) => es.some((e) => e.kind === "routing-changed"), { what: "the routing change" });
    const entry = changed.find((e) => e.kind === "routing-changed")!;
    expect(entry.payload).toMatchObject({ from: "consumer", to: "platform", trigger: "confirmed", diagnosis: [{ name: "Streaming platform" }], action: [{ name: "Streaming platform" }], previous: { diagnosis: [{ name: "Orders team" }] } });
    const [told] = await waitFor(async () => about(platform, id, "routing-changed"), (xs) => xs.length >= 1, { what: "the platform's notification" });
    expect((told!.json.needs as { audience: string }[]).map((n) => n.audience)).toEqual(["diagnosis", "action"]);
    // the consumer team's channel still hears it, for the impact owner only
    const [impact] = await waitFor(async () => about(team, id, "routing-changed"), (xs) => xs.length >= 1, { what: "the team's notification" });
    expect((impact!.json.needs as { audience: string }[]).map((n) => n.audience)).toEqual(["impact"]);
  });

  it("refuses to remove a channel still in use, and lists deliveries with their status for admins only", async () => {
    const refused = await call<{ detail: string }>("/api/notifications/channels/team", admin, undefined, "DELETE");
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(`group ${group}`);
    expect((await call("/api/notifications/deliveries", commander)).status).toBe(403);
    const all = await call<{ counts: Record<string, number> }>("/api/notifications/deliveries", admin);
    expect(all.body.counts.delivered).toBeGreaterThan(0);
    expect((await call("/api/notifications/channels/hang", admin, undefined, "DELETE")).status).toBe(204);
    const hangs = (await call<{ deliveries: Delivery[] }>("/api/notifications/deliveries?channel=hang", admin)).body.deliveries;
    expect(hangs.length).toBeGreaterThan(0);
    expect(hangs.every((d) => d.status === "failed")).toBe(true);
  });
});
