import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin, Consumer, Kafka } from "kafkajs";
import { POST as openIncident } from "@/app/api/incidents/route";
import { GET as listActions, POST as requestAction } from "@/app/api/incidents/[id]/actions/route";
import { POST as approve } from "@/app/api/incidents/[id]/actions/[actionId]/approve/route";
import { POST as execute } from "@/app/api/incidents/[id]/actions/[actionId]/execute/route";
import { POST as reject } from "@/app/api/incidents/[id]/actions/[actionId]/reject/route";
import { POST as rollback } from "@/app/api/incidents/[id]/actions/[actionId]/rollback/route";
import { GET as checklist } from "@/app/api/incidents/[id]/mitigation/route";
import { POST as updateItem } from "@/app/api/incidents/[id]/mitigation/items/[itemId]/route";
import { db } from "@/lib/server/db";
import { closeAllGateways } from "@/lib/server/kafka/registry";
import { brokers, createTopics, deleteQuietly, kafkaFor, produce } from "../kafka/fixtures";
import { KAFKA_TOOLS, kafkaTool } from "../kafka/kafka-tools";
import { uniqueName, waitFor } from "../helpers";
import { ctx, get, post, signedIn, type TestUser } from "./support";

type ActionView = { id: string; status: string; dryRun: { kind: string; rows?: { partition: number; current: number; target: number; delta: number }[]; skipped?: number; warnings: string[] }; result: unknown };
type Problem = { detail: string; code: string };

describe("guarded actions against the real Kafka", () => {
  let kafka: Kafka;
  let admin: Admin;
  let commander: TestUser;
  let responder: TestUser;
  let viewer: TestUser;
  let incidentId = "";
  const topic = uniqueName("orders");
  const configTopic = uniqueName("ledger");
  const group = uniqueName("billing");
  const busyGroup = uniqueName("busy");
  let consumer: Consumer | null = null;

  const committed = async (g: string) => {
    const [t] = await admin.fetchOffsets({ groupId: g, topics: [topic] });
    return Object.fromEntries((t?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  };
  const overrides = async (t: string) => {
    const res = await admin.describeConfigs({ resources: [{ type: 2, name: t }], includeSynonyms: false });
    const entries = res.resources[0]?.configEntries ?? [];
    return Object.fromEntries(entries.filter((e) => !e.isDefault && e.configSource === 1).map((e) => [e.configName, e.configValue]));
  };
  const actionCtx = (actionId: string) => ctx({ id: incidentId, actionId });
  const request = async (user: TestUser, action: unknown) => requestAction(post(`/api/incidents/${incidentId}/actions`, { action }, user), ctx({ id: incidentId }));

  beforeAll(async () => {
    kafka = kafkaFor();
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [
      { topic, numPartitions: 3, replicationFactor: 1 },
      { topic: configTopic, numPartitions: 1, replicationFactor: 1, configEntries: [
        { name: "retention.ms", value: "3600000" }, { name: "max.message.bytes", value: "2000000" }, { name: "segment.ms", value: "7200000" },
      ] },
    ]);
    await produce(kafka, topic, { 0: 10, 1: 10, 2: 10 });
    for (const g of [group, busyGroup]) await admin.setOffsets({ groupId: g, topic, partitions: [0, 1, 2].map((p) => ({ partition: p, offset: "5" })) });
    [commander, responder, viewer] = [await signedIn("commander"), await signedIn("responder"), await signedIn("viewer")];
    const res = await openIncident(post("/api/incidents", { title: "Billing stuck on a poison record", scope: { topics: [topic], groups: [group], services: [] } }, commander), ctx());
    expect(res.status).toBe(201);
    incidentId = ((await res.json()) as { incident: { id: string } }).incident.id;
  });

  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined);
    await deleteQuietly(admin, [topic, configTopic], [group, busyGroup]);
    await admin.disconnect();
    await closeAllGateways();
  });

  it("skips exactly one poison record after a second person's approval, and logs requester, approver, before and after", async () => {
    const res = await request(commander, { kind: "reset-offsets", groupId: group, topic, mode: "skip-one", partition: 1 });
    expect(res.status).toBe(201);
    const { action } = (await res.json()) as { action: ActionView };
    expect(action.status).toBe("requested");
    expect(action.dryRun.rows).toEqual([{ partition: 1, logStartOffset: 0, logEndOffset: 10, current: 5, target: 6, delta: 1, effect: "skips" }]);
    expect(action.dryRun.skipped).toBe(1);

    // refused: unapproved high-blast-radius action, self-approval, a viewer approving or executing
    const early = await execute(post("/x", {}, commander), actionCtx(action.id));
    expect(early.status).toBe(412);
    expect(((await early.json()) as Problem).detail).toMatch(/high-blast-radius action .* needs a second person's approval/);
    const self = await approve(post("/x", {}, commander), actionCtx(action.id));
    expect(self.status).toBe(403);
    expect(((await self.json()) as Problem).detail).toMatch(/you requested this action .*so you cannot approve it/);
    const byViewer = await approve(post("/x", {}, viewer), actionCtx(action.id));
    expect(byViewer.status).toBe(403);
    expect(((await byViewer.json()) as Problem).detail).toMatch(/needs the responder role or higher; you are viewer/);
    const viewerExec = await execute(post("/x", {}, viewer), actionCtx(action.id));
    expect(viewerExec.status).toBe(403);
    const viewerRequest = await request(viewer, { kind: "add-partitions", topic, count: 6 });
    expect(viewerRequest.status).toBe(403);
    expect(await committed(group)).toEqual({ 0: 5, 1: 5, 2: 5 }); // nothing changed in Kafka

    const ok = await approve(post("/x", { note: "data owner agreed in #billing" }, responder), actionCtx(action.id));
    expect(ok.status).toBe(200);
    const done = await execute(post("/x", {}, commander), actionCtx(action.id));
    expect(done.status).toBe(200);
    const executed = ((await done.json()) as { action: ActionView }).action;
    expect(executed.status).toBe("executed");
    expect(executed.result).toMatchObject({ ok: true, rows: [{ partition: 1, before: 5, after: 6, moved: 1 }] });
    expect(await committed(group)).toEqual({ 0: 5, 1: 6, 2: 5 });

    const entries = await db().incidentEntry.findMany({ where: { incidentId, item: `action:${action.id}` }, orderBy: { seq: "asc" } });
    // the early execute attempt is audited as a refusal; self- and viewer approvals never reach the verb's log
    expect(entries.map((e) => e.kind)).toEqual(["action-requested", "action-refused", "action-approved", "action-executed"]);
    const requested = entries.find((e) => e.kind === "action-requested");
    const approved = entries.find((e) => e.kind === "action-approved");
    const ran = entries.find((e) => e.kind === "action-executed");
    expect(requested?.authorId).toBe(commander.id);
    expect(approved?.authorId).toBe(responder.id);
    expect(JSON.parse(ran?.payload ?? "{}")).toMatchObject({
      requestedBy: { id: commander.id }, approvedBy: { id: responder.id },
      result: { rows: [{ partition: 1, before: 5, after: 6 }] },
    });

    // the rollback recipe puts the offset back, once a second person approves the rollback too
    const asked = await rollback(post("/x", {}, commander), actionCtx(action.id));
    expect(((await asked.json()) as { action: ActionView }).action.status).toBe("rollback-requested");
    expect(await committed(group)).toEqual({ 0: 5, 1: 6, 2: 5 });
    expect((await approve(post("/x", {}, responder), actionCtx(action.id))).status).toBe(200);
    const back = await rollback(post("/x", {}, commander), actionCtx(action.id));
    expect(back.status).toBe(200);
    expect(await committed(group)).toEqual({ 0: 5, 1: 5, 2: 5 });
  });

  it("refuses an offsets reset while the group has active members, and changes nothing", async () => {
    consumer = kafka.consumer({ groupId: busyGroup, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    await waitFor(() => admin.describeGroups([busyGroup]), (r) => r.groups[0]?.state === "Stable" && (r.groups[0]?.members.length ?? 0) > 0, { what: "the consumer to join" });

    const res = await request(commander, { kind: "reset-offsets", groupId: busyGroup, topic, mode: "latest" });
    expect(res.status).toBe(201);
    const { action } = (await res.json()) as { action: ActionView };
    expect(action.dryRun.warnings[0]).toMatch(/only while the group has no active members/);
    expect((await approve(post("/x", {}, responder), actionCtx(action.id))).status).toBe(200);
    const refused = await execute(post("/x", {}, commander), actionCtx(action.id));
    expect(refused.status).toBe(412);
    const problem = (await refused.json()) as Problem;
    expect(problem.detail).toMatch(/has 1 active member/);
    expect(problem.detail).toMatch(/Kafka allows changing a consumer group's committed offsets only while the group has no active members/);
    expect(problem.detail).toMatch(/Nothing was changed in Kafka/);
    expect(await committed(busyGroup)).toEqual({ 0: 5, 1: 5, 2: 5 });
    const list = (await (await listActions(get(`/api/incidents/${incidentId}/actions`, viewer), ctx({ id: incidentId }))).json()) as { actions: ActionView[] };
    expect(list.actions.find((a) => a.id === action.id)?.status).toBe("approved");
    await consumer.disconnect();
    consumer = null;
  });

  it("retention changes through the guarded action while Kafka's own kafka-configs sets another override: both stay (IncrementalAlterConfigs, no read-modify-write)", async () => {
    const before = await overrides(configTopic);
    const change = async (retentionMs: number) => {
      const res = await request(commander, { kind: "change-retention", topic: configTopic, retentionMs });
      expect(res.status).toBe(201);
      const { action } = (await res.json()) as { action: ActionView };
      expect((await approve(post("/x", {}, responder), actionCtx(action.id))).status).toBe(200);
      expect((await execute(post("/x", {}, commander), actionCtx(action.id))).status).toBe(200);
    };
    // kafka-configs runs (a JVM: seconds) while executions follow one another, so one of them
    // lands around the moment the tool writes its override.
    let toolDone = false;
    const tool = kafkaTool(KAFKA_TOOLS.configs, ["--bootstrap-server", brokers().join(","), "--alter", "--entity-type", "topics", "--entity-name", configTopic, "--add-config", "flush.messages=1234"]).finally(() => {
      toolDone = true;
    });
    let executions = 0;
    let retentionMs = 7_200_000;
    while (!toolDone || executions < 2) {
      retentionMs = 7_200_000 + executions * 60_000;
      await change(retentionMs);
      executions++;
    }
    await tool;
    const after = await waitFor(() => overrides(configTopic), (o) => o["flush.messages"] === "1234" && o["retention.ms"] === String(retentionMs), { what: "both changes visible" });
    expect(after).toEqual({ ...before, "retention.ms": String(retentionMs), "flush.messages": "1234" });
    console.info(`${executions} retention changes executed while kafka-configs ran; both kept`);

    await kafkaTool(KAFKA_TOOLS.configs, ["--bootstrap-server", brokers().join(","), "--alter", "--entity-type", "topics", "--entity-name", configTopic, "--delete-config", "flush.messages"]);
    await change(Number(before["retention.ms"]));
    expect(await waitFor(() => overrides(configTopic), (o) => !("flush.messages" in o) && o["retention.ms"] === before["retention.ms"], { what: "the topic back as it was" })).toEqual(before);
  });

  it("changes retention: the topic's other overrides survive (read back from Kafka)", async () => {
    expect(await overrides(configTopic)).toEqual({ "retention.ms": "3600000", "max.message.bytes": "2000000", "segment.ms": "7200000" });
    const res = await request(commander, { kind: "change-retention", topic: configTopic, retentionMs: 86_400_000 });
    expect(res.status).toBe(201);
    const { action } = (await res.json()) as { action: ActionView & { dryRun: { changes: unknown; keptOverrides: unknown } } };
    expect(action.dryRun.changes).toEqual([{ key: "retention.ms", before: "3600000", beforeSource: "DYNAMIC_TOPIC_CONFIG", after: "86400000" }]);
    expect(action.dryRun.keptOverrides).toEqual({ "max.message.bytes": "2000000", "segment.ms": "7200000" });
    expect((await execute(post("/x", {}, commander), actionCtx(action.id))).status).toBe(412);
    expect((await overrides(configTopic))["retention.ms"]).toBe("3600000");
    expect((await approve(post("/x", {}, responder), actionCtx(action.id))).status).toBe(200);
    const done = await execute(post("/x", {}, commander), actionCtx(action.id));
    expect(done.status).toBe(200);
    expect(((await done.json()) as { action: ActionView }).action.result).toMatchObject({ ok: true, lostOverrides: [] });
    expect(await overrides(configTopic)).toEqual({ "retention.ms": "86400000", "max.message.bytes": "2000000", "segment.ms": "7200000" });
    expect((await rollback(post("/x", {}, commander), actionCtx(action.id))).status).toBe(200);
    expect((await overrides(configTopic))["retention.ms"]).toBe("86400000"); // asked for, not yet approved
    expect((await approve(post("/x", {}, responder), actionCtx(action.id))).status).toBe(200);
    expect((await rollback(post("/x", {}, commander), actionCtx(action.id))).status).toBe(200);
    expect(await overrides(configTopic)).toEqual({ "retention.ms": "3600000", "max.message.bytes": "2000000", "segment.ms": "7200000" });
  });

  it("adds partitions only after approval; a rejected request changes nothing; there is no automatic way back", async () => {
    const partitionCount = async () => (await admin.fetchTopicMetadata({ topics: [configTopic] })).topics[0]?.partitions.length;
    expect(await partitionCount()).toBe(1);
    const refused = await request(commander, { kind: "add-partitions", topic: configTopic, count: 1 });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as Problem).detail).toMatch(/already has 1 partitions; Kafka can only add/);

    const first = await request(commander, { kind: "add-partitions", topic: configTopic, count: 3 });
    expect(first.status).toBe(201);
    const rejected = ((await first.json()) as { action: ActionView }).action;
    expect(rejected.dryRun).toMatchObject({ kind: "add-partitions", before: 1, after: 3 });
    expect(rejected.dryRun.warnings.join(" ")).toMatch(/Key-to-partition mapping changes/);
    expect(rejected.dryRun.warnings.join(" ")).toMatch(/Irreversible/);
    const rejection = await reject(post("/x", { note: "not during the incident" }, responder), actionCtx(rejected.id));
    expect(rejection.status).toBe(200);
    expect(((await rejection.json()) as { action: ActionView }).action.status).toBe("rejected");
    const late = await execute(post("/x", {}, commander), actionCtx(rejected.id));
    expect(late.status).toBeGreaterThanOrEqual(400);
    expect(await partitionCount()).toBe(1);

    const second = await request(commander, { kind: "add-partitions", topic: configTopic, count: 3 });
    const approved = ((await second.json()) as { action: ActionView }).action;
    expect((await approve(post("/x", {}, responder), actionCtx(approved.id))).status).toBe(200);
    const done = await execute(post("/x", {}, commander), actionCtx(approved.id));
    expect(done.status).toBe(200);
    expect(((await done.json()) as { action: ActionView }).action.result).toMatchObject({ kind: "add-partitions", before: 1, after: 3, ok: true });
    await waitFor(partitionCount, (n) => n === 3, { what: "3 partitions read back from Kafka" });
    const back = await rollback(post("/x", {}, commander), actionCtx(approved.id));
    expect(back.status).toBe(422);
    expect(((await back.json()) as Problem).detail).toMatch(/^no automatic rollback: /);
    expect(await partitionCount()).toBe(3);
  });

  it("serves the checklist on live evidence and records item changes (skip needs a reason)", async () => {
    const res = await checklist(get(`/api/incidents/${incidentId}/mitigation`, viewer), ctx({ id: incidentId }));
    expect(res.status).toBe(200);
    const view = (await res.json()) as { items: { id: string; status: { state: string }; preconditions: unknown[] }[]; evidenceTakenAt: string | null };
    expect(view.evidenceTakenAt).not.toBeNull();
    expect(view.items.length).toBeGreaterThan(0);
    const itemId = view.items[0]!.id;
    const noReason = await updateItem(post("/x", { action: "skip" }, responder), ctx({ id: incidentId, itemId }));
    expect(noReason.status).toBe(400);
    expect((await updateItem(post("/x", { action: "skip", reason: "not relevant to this sink" }, responder), ctx({ id: incidentId, itemId }))).status).toBe(201);
    expect((await updateItem(post("/x", { action: "start" }, viewer), ctx({ id: incidentId, itemId }))).status).toBe(403);
    // an item no checklist has: 404, and nothing is logged
    const unknown = await updateItem(post("/x", { action: "start" }, responder), ctx({ id: incidentId, itemId: "control.no-such-item" }));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { detail: string }).detail).toBe("checklist item control.no-such-item not found");
    const again = (await (await checklist(get(`/api/incidents/${incidentId}/mitigation`, viewer), ctx({ id: incidentId }))).json()) as typeof view;
    expect(again.items.find((i) => i.id === itemId)?.status).toMatchObject({ state: "skipped", reason: "not relevant to this sink" });
  });
});
