import { randomUUID } from "node:crypto";
import type { Admin, Kafka } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as checklistRoute } from "@/app/api/incidents/[id]/mitigation/route";
import { POST as approveRoute } from "@/app/api/incidents/[id]/actions/[actionId]/approve/route";
import { POST as executeRoute } from "@/app/api/incidents/[id]/actions/[actionId]/execute/route";
import { POST as rollbackRoute } from "@/app/api/incidents/[id]/actions/[actionId]/rollback/route";
import { GET as getActionRoute } from "@/app/api/incidents/[id]/actions/[actionId]/route";
import { POST as requestRoute } from "@/app/api/incidents/[id]/actions/route";
import { POST as openIncidentRoute } from "@/app/api/incidents/route";
import { PUT as setOwnerRoute } from "@/app/api/owners/[name]/route";
import { POST as createTokenRoute } from "@/app/api/tokens/route";
import type { Role } from "@/lib/domain/auth/roles";
import { createUser } from "@/lib/server/auth/create-user";
import { createSession, SESSION_COOKIE } from "@/lib/server/auth/sessions";
import { upsertCatalogEntry } from "@/lib/server/catalog/upsert-entry";
import { db } from "@/lib/server/db";
import { closeAllGateways } from "@/lib/server/kafka/registry";
import type { GuardedActionView } from "@/lib/schemas/mitigation";
import { uniqueName } from "../helpers";
import { createTopics, deleteQuietly, kafkaFor, produce } from "../kafka/fixtures";

type Auth = Record<string, string>;
interface Person {
  id: string;
  name: string;
  cookie: Auth;
}
type Problem = { detail: string; code: string };

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const post = (url: string, auth: Auth, body: unknown = {}) => new Request(`http://localhost${url}`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });
const bearer = (token: string): Auth => ({ authorization: `Bearer ${token}` });

async function person(role: Role, name = `${role}-${randomUUID().slice(0, 6)}`): Promise<Person> {
  const user = await createUser({ email: `${randomUUID()}@sod.test`, name, password: "long-enough-password", role });
  const { token } = await createSession(user.id);
  return { id: user.id, name, cookie: { cookie: `${SESSION_COOKIE}=${token}` } };
}

async function token(auth: Auth, name: string, role: Role, kind: "personal" | "machine" = "personal"): Promise<string> {
  const res = await createTokenRoute(post("/api/tokens", auth, { name, role, kind }), ctx());
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

// Real route handlers, real SQLite, real Kafka: the guardrail is walked around from every side.
describe("separation of duties on guarded Kafka actions", () => {
  let kafka: Kafka;
  let admin: Admin;
  let ada: Person; // admin
  let cora: Person; // commander
  let remy: Person; // responder
  let dora: Person; // responder, speaks for the data owner
  const topic = uniqueName("sod-orders");
  const groups: string[] = [];

  const committed = async (groupId: string) => {
    const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries((t?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  };

  /** A fresh group at offset 5 on every partition, and an incident on it opened by Cora. */
  async function incidentWithGroup(offset = 5): Promise<{ incidentId: string; group: string }> {
    const group = uniqueName("sod-sink");
    groups.push(group);
    await admin.setOffsets({ groupId: group, topic, partitions: [0, 1, 2].map((p) => ({ partition: p, offset: String(offset) })) });
    const res = await openIncidentRoute(post("/api/incidents", cora.cookie, { title: `Reset ${group}`, scope: { topics: [topic], groups: [group], services: [] } }), ctx());
    expect(res.status).toBe(201);
    return { incidentId: ((await res.json()) as { incident: { id: string } }).incident.id, group };
  }

  async function request(incidentId: string, auth: Auth, group: string, mode = "skip-one"): Promise<GuardedActionView> {
    const res = await requestRoute(post(`/api/incidents/${incidentId}/actions`, auth, { action: { kind: "reset-offsets", groupId: group, topic, mode, ...(mode === "skip-one" ? { partition: 1 } : {}) } }), ctx({ id: incidentId }));
    expect(res.status).toBe(201);
    return ((await res.json()) as { action: GuardedActionView }).action;
  }

  const verb = (route: typeof approveRoute, incidentId: string, actionId: string, auth: Auth) => route(post("/x", auth), ctx({ id: incidentId, actionId }));

  beforeAll(async () => {
    kafka = kafkaFor();
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: 3, replicationFactor: 1 }]);
    await produce(kafka, topic, { 0: 10, 1: 10, 2: 10 });
    [ada, cora, remy, dora] = [await person("admin"), await person("commander"), await person("responder", `Remy ${randomUUID().slice(0, 4)}`), await person("responder")];
  });

  afterAll(async () => {
    await deleteQuietly(admin, [topic], groups);
    await admin.disconnect();
    await closeAllGateways();
  });

  it("refuses self-approval by person: a cookie request approved with the same person's token, and a token request approved with their cookie", async () => {
    const { incidentId, group } = await incidentWithGroup();
    const byCookie = await request(incidentId, ada.cookie, group);
    const adaToken = await token(ada.cookie, "ada-cli", "admin");
    const self = await verb(approveRoute, incidentId, byCookie.id, bearer(adaToken));
    expect(self.status).toBe(403);
    expect(((await self.json()) as Problem).detail).toMatch(/you requested this action/);

    const coraToken = await token(cora.cookie, "cora-cli", "commander");
    const byToken = await request(incidentId, bearer(coraToken), group);
    expect(byToken.requestedBy).toMatchObject({ id: cora.id, name: cora.name, via: { kind: "token", name: "cora-cli", tokenKind: "personal" } });
    const selfAgain = await verb(approveRoute, incidentId, byToken.id, cora.cookie);
    expect(selfAgain.status).toBe(403);
    expect(((await selfAgain.json()) as Problem).detail).toMatch(/you requested this action/);

    for (const id of [byCookie.id, byToken.id]) expect((await verb(executeRoute, incidentId, id, ada.cookie)).status).toBe(412);
    expect(await committed(group)).toEqual({ 0: 5, 1: 5, 2: 5 });
  });

  it("a token minted under another person's name is still its maker's; machine tokens never approve; a second person approves and the action runs", async () => {
    const { incidentId, group } = await incidentWithGroup();
    // the walk-around: an admin mints a token named like a responder and uses it
    const disguised = await token(ada.cookie, "Responder Person", "admin", "machine");
    const action = await request(incidentId, bearer(disguised), group);
    expect(action.requestedBy).toMatchObject({ name: "Responder Person", accountableId: ada.id, via: { kind: "token", tokenKind: "machine" } });
    const byMaker = await verb(approveRoute, incidentId, action.id, ada.cookie);
    expect(byMaker.status).toBe(403);
    expect(((await byMaker.json()) as Problem).detail).toMatch(/you requested this action .*a machine token you created/);
    const otherMachine = await token(ada.cookie, "approver-bot", "admin", "machine");
    const byMachine = await verb(approveRoute, incidentId, action.id, bearer(otherMachine));
    expect(byMachine.status).toBe(403);
    expect(((await byMachine.json()) as Problem).detail).toMatch(/a machine token cannot approve/);
    expect(await committed(group)).toEqual({ 0: 5, 1: 5, 2: 5 });

    const remyToken = await token(remy.cookie, "remy-cli", "responder");
    const approved = await verb(approveRoute, incidentId, action.id, bearer(remyToken));
    expect(approved.status).toBe(200);
    const view = ((await approved.json()) as { action: GuardedActionView }).action;
    // who approved, and with which credential (not the token's name as if it were a person)
    expect(view.approvedBy).toMatchObject({ id: remy.id, name: remy.name, via: { kind: "token", name: "remy-cli", tokenKind: "personal" } });
    expect(Date.parse(view.approvedBy!.expiresAt!) - Date.parse(view.approvedBy!.at!)).toBe(30 * 60_000);
    const done = await verb(executeRoute, incidentId, action.id, cora.cookie);
    expect(done.status).toBe(200);
    expect(((await done.json()) as { action: GuardedActionView }).action.status).toBe("executed");
    expect(await committed(group)).toEqual({ 0: 5, 1: 6, 2: 5 });
  });

  it("refuses an approval older than its lifetime at execution, and the action waits for a fresh one", async () => {
    const { incidentId, group } = await incidentWithGroup();
    const action = await request(incidentId, cora.cookie, group);
    expect((await verb(approveRoute, incidentId, action.id, remy.cookie)).status).toBe(200);
    // 31 minutes later (the lifetime is RIPCORD_APPROVAL_MINUTES, 30 by default)
    await db().guardedAction.update({ where: { id: action.id }, data: { approvedAt: new Date(Date.now() - 31 * 60_000) } });
    const late = await verb(executeRoute, incidentId, action.id, cora.cookie);
    expect(late.status).toBe(412);
    expect(((await late.json()) as Problem).detail).toMatch(/approval .* expired after 30 min/);
    expect(await committed(group)).toEqual({ 0: 5, 1: 5, 2: 5 });
    const now = ((await (await getActionRoute(new Request("http://x", { headers: cora.cookie }), ctx({ id: incidentId, actionId: action.id }))).json()) as { action: GuardedActionView }).action;
    expect(now).toMatchObject({ status: "requested", approvedBy: null });
    const log = await db().incidentEntry.findMany({ where: { incidentId, item: `action:${action.id}` }, orderBy: { seq: "asc" } });
    expect(log.map((e) => e.kind)).toEqual(["action-requested", "action-approved", "action-approval-expired"]);
    expect((await verb(approveRoute, incidentId, action.id, remy.cookie)).status).toBe(200);
    expect((await verb(executeRoute, incidentId, action.id, cora.cookie)).status).toBe(200);
    expect(await committed(group)).toEqual({ 0: 5, 1: 6, 2: 5 });
  });

  it("a catalogued group's offsets need its data owner: any responder is refused, a mapped person approves, and unmapping them voids the approval", async () => {
    const { incidentId, group } = await incidentWithGroup();
    const owner = `Billing Data ${randomUUID().slice(0, 4)}`;
    await upsertCatalogEntry({
      group, service: "billing", team: "billing", tier: "critical", freshnessSloSeconds: 300, runbook: null, reads: [topic], notes: null,
      owners: { impact: { name: "Finance", contact: "slack:#finance" }, diagnosis: { name: "Billing on-call", contact: "pagerduty:BILL" }, action: { name: owner, contact: "slack:#billing-data" } },
    });
    const action = await request(incidentId, cora.cookie, group);
    expect(action.requiredOwner).toBe(owner);
    const anyResponder = await verb(approveRoute, incidentId, action.id, remy.cookie);
    expect(anyResponder.status).toBe(403);
    expect(((await anyResponder.json()) as Problem).detail).toMatch(new RegExp(`need approval by its data owner "${owner}".*Nobody is mapped`));
    const mapped = await setOwnerRoute(new Request(`http://localhost/api/owners/${encodeURIComponent(owner)}`, { method: "PUT", headers: { ...ada.cookie, "content-type": "application/json" }, body: JSON.stringify({ userIds: [dora.id] }) }), ctx({ name: owner }));
    expect(mapped.status).toBe(200);
    expect(((await mapped.json()) as { owner: { members: { id: string }[] } }).owner.members.map((m) => m.id)).toEqual([dora.id]);
    expect((await verb(approveRoute, incidentId, action.id, remy.cookie)).status).toBe(403);
    expect((await verb(approveRoute, incidentId, action.id, dora.cookie)).status).toBe(200);
    // the owner's people change before execution: the approval no longer counts
    await setOwnerRoute(new Request(`http://localhost/api/owners/${encodeURIComponent(owner)}`, { method: "PUT", headers: { ...ada.cookie, "content-type": "application/json" }, body: JSON.stringify({ userIds: [] }) }), ctx({ name: owner }));
    const refused = await verb(executeRoute, incidentId, action.id, cora.cookie);
    expect(refused.status).toBe(412);
    expect(((await refused.json()) as Problem).detail).toMatch(/approval by .* no longer counts/);
    expect(await committed(group)).toEqual({ 0: 5, 1: 5, 2: 5 });
  });

  it("refuses execution while one of the checklist's stop conditions holds (records deleted before the group read them)", async () => {
    const { incidentId, group } = await incidentWithGroup(2);
    // Kafka deletes partition 0's records below offset 4: the group committed at 2 lost 2 records
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: "4" }] });
    const action = await request(incidentId, cora.cookie, group, "latest");
    expect((await verb(approveRoute, incidentId, action.id, remy.cookie)).status).toBe(200);
    // ?fresh: a sample started after the deletion (an older one would not show it yet)
    const list = (await (await checklistRoute(new Request(`http://localhost/api/incidents/${incidentId}/mitigation?fresh=1`, { headers: cora.cookie }), ctx({ id: incidentId }))).json()) as { items: { id: string; verdict: string; preconditions: { id: string; status: string; current: string }[] }[] };
    const availability = list.items.find((i) => i.id === "runbook.input-availability");
    expect(availability?.verdict).toBe("stop");
    expect(availability?.preconditions.find((p) => p.id === "retention")).toMatchObject({ status: "fail", current: expect.stringMatching(/^2 records were deleted before the group read them/) });
    const refused = await verb(executeRoute, incidentId, action.id, cora.cookie);
    expect(refused.status).toBe(412);
    expect(((await refused.json()) as Problem).detail).toMatch(/a stop condition of the checklist holds — Kafka still retains the input the recovery needs: 2 records were deleted before the group read them/);
    expect(await committed(group)).toEqual({ 0: 2, 1: 2, 2: 2 });
  });

  it("rolling back an executed high-blast-radius action needs a second person too", async () => {
    const { incidentId, group } = await incidentWithGroup();
    const action = await request(incidentId, cora.cookie, group);
    expect((await verb(approveRoute, incidentId, action.id, remy.cookie)).status).toBe(200);
    expect((await verb(executeRoute, incidentId, action.id, cora.cookie)).status).toBe(200);
    expect(await committed(group)).toEqual({ 0: 5, 1: 6, 2: 5 });

    const asked = await verb(rollbackRoute, incidentId, action.id, cora.cookie);
    expect(asked.status).toBe(200);
    expect(((await asked.json()) as { action: GuardedActionView }).action).toMatchObject({ status: "rollback-requested", rollbackRequest: { by: { id: cora.id } } });
    expect(await committed(group)).toEqual({ 0: 5, 1: 6, 2: 5 });
    const early = await verb(rollbackRoute, incidentId, action.id, cora.cookie);
    expect(early.status).toBe(412);
    expect(((await early.json()) as Problem).detail).toMatch(/waits for a second person's approval/);
    const coraToken = await token(cora.cookie, "cora-rollback", "commander");
    expect((await verb(approveRoute, incidentId, action.id, bearer(coraToken))).status).toBe(403);
    const ok = await verb(approveRoute, incidentId, action.id, remy.cookie);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { action: GuardedActionView }).action).toMatchObject({ status: "rollback-approved", rollbackApproval: { id: remy.id, via: { kind: "session" } } });
    const back = await verb(rollbackRoute, incidentId, action.id, cora.cookie);
    expect(back.status).toBe(200);
    expect(((await back.json()) as { action: GuardedActionView }).action.status).toBe("rolled-back");
    expect(await committed(group)).toEqual({ 0: 5, 1: 5, 2: 5 });
  });
});
