import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Consumer, Producer } from "kafkajs";
import { verifySignature } from "@/lib/domain/notifications/signature";
import { uniqueName, waitFor } from "../helpers";
import { createTopics, kafkaFor, produce } from "../kafka/fixtures";
import { Receiver } from "../notifications/receiver";
import { ServerProcess } from "../../support/server-process";
import { portOf } from "../../../scripts/lib/ports.mjs";

type Entry = { id: string; seq: number; kind: string; createdAt: string; payload: Record<string, unknown> };
type Summary = { id: string; title: string; status: string; scope: { topics: string[]; groups: string[] } };

const SLO_SECONDS = 20;
const SECRET = "it-freshness-secret-0123456789";

// A real `next start` (its sampler, freshness watch and notifier), the run's real Kafka, a real
// HTTP receiver on 127.0.0.1 as the catalog entry's channel. A catalogued critical group with a
// 20 s freshness SLO stops consuming while its input continues; a quiet, caught-up catalogued
// group sits beside it; a hung consumer (alive, heartbeating, committing nothing) trips the no-commit rule.
describe("the freshness watch opens an incident by itself", () => {
  const server = new ServerProcess(portOf("FRESHNESS_IT_PORT", 3798), {
    name: "freshness-it",
    // no-commit after 10 s (and 3 intervals) for the hung consumer; zero throughput stays at 60 s
    env: { KAFKA_CLUSTER_NAME: "freshness-it", RIPCORD_FRESHNESS_WATCH: "on", RIPCORD_WATCH_NO_COMMIT_SECONDS: "10", RIPCORD_PUBLIC_URL: "https://ripcord.example", RIPCORD_NOTIFY_RETRY_BASE_MS: "500", RIPCORD_NOTIFY_RETRY_MAX_MS: "1000" },
  });
  const team = new Receiver();
  const kafka = kafkaFor();
  const kafkaAdmin = kafka.admin();
  const stopping = uniqueName("it-fresh-sink");
  const quiet = uniqueName("it-fresh-quiet");
  const input = uniqueName("it-fresh-orders");
  const quietTopic = uniqueName("it-fresh-ledger");
  const hungGroup = uniqueName("it-fresh-hung");
  const payments = uniqueName("it-fresh-payments");
  // catalog entries that ask for a person to decide (onBreach: propose)
  const proposedOpen = uniqueName("it-fresh-prop-open");
  const proposedDismiss = uniqueName("it-fresh-prop-dismiss");
  let hung = false;
  let hungConsumer: Consumer | null = null;
  let admin = "";
  let producer: Producer | null = null;
  let producing: Promise<void> | null = null;
  let keepProducing = true;
  /** produce time of each offset of the input topic (partition 0) */
  const producedAt = new Map<number, number>();

  const call = async <T = Record<string, unknown>>(path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${admin}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const incidentsNaming = async (group: string) => (await call<{ incidents: Summary[] }>("/api/incidents")).body.incidents.filter((i) => i.scope.groups.includes(group));
  const owners = (group: string) => ({ group, tier: "critical", freshnessSloSeconds: SLO_SECONDS, channels: ["team"], owners: { impact: { name: "Checkout", contact: "slack:#checkout" }, diagnosis: { name: "Orders team", contact: "slack:#orders" }, action: { name: "Orders on-call", contact: "pagerduty:ORDERS" } } });
  const consumeAll = async (group: string, topic: string, until: () => Promise<boolean>): Promise<Consumer> => {
    const consumer = kafka.consumer({ groupId: group, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ autoCommitInterval: 500, eachMessage: async () => undefined });
    await waitFor(until, (ok) => ok, { what: `${group} caught up on ${topic}`, timeoutMs: 60_000, intervalMs: 500 });
    return consumer;
  };
  const committedIsEnd = async (group: string, topic: string) => {
    const [ends, committed] = await Promise.all([kafkaAdmin.fetchTopicOffsets(topic), kafkaAdmin.fetchOffsets({ groupId: group, topics: [topic] })]);
    const end = Number(ends[0]!.high);
    return end > 0 && Number(committed[0]!.partitions[0]!.offset) === end;
  };

  beforeAll(async () => {
    await kafkaAdmin.connect();
    await createTopics(kafkaAdmin, [
      { topic: input, numPartitions: 1, replicationFactor: 1 },
      { topic: quietTopic, numPartitions: 1, replicationFactor: 1 },
      { topic: payments, numPartitions: 1, replicationFactor: 1 },
    ]);
    server.freshDatabase();
    await server.start();
    const setup = await fetch(`${server.url}/api/auth/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "root@fresh.test", name: "Root", password: "long-enough-password" }) });
    expect(setup.status).toBe(201);
    const cookie = (setup.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const made = await fetch(`${server.url}/api/tokens`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ name: "it-admin", role: "admin" }) });
    admin = ((await made.json()) as { token: string }).token;
    expect((await call("/api/notifications/channels", { name: "team", url: `${await team.start()}/hooks/team`, format: "json", secret: SECRET })).status).toBe(201);
    expect((await call("/api/catalog", { ...owners(stopping), service: "orders-sink", team: "orders", reads: [input], runbook: "https://runbooks.example/orders-sink" })).status).toBe(201);
    expect((await call("/api/catalog", { ...owners(quiet), service: "ledger-sink", team: "ledger", reads: [quietTopic] })).status).toBe(201);
    // no freshness SLO: only the no-commit (or zero-throughput) rule can see it
    expect((await call("/api/catalog", { ...owners(hungGroup), freshnessSloSeconds: null, service: "payments-sink", team: "payments", reads: [payments] })).status).toBe(201);
    for (const group of [proposedOpen, proposedDismiss]) {
      expect((await call("/api/catalog", { ...owners(group), onBreach: "propose", service: `${group}-svc`, team: "audit", reads: [input] })).status).toBe(201);
    }

    // the quiet group: everything it has read is committed, and nothing more arrives
    await produce(kafka, quietTopic, { 0: 20 });
    await (await consumeAll(quiet, quietTopic, () => committedIsEnd(quiet, quietTopic))).disconnect();

    // the input keeps arriving (4 records/s) for the whole test
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const p = producer;
    producing = (async () => {
      while (keepProducing) {
        const [meta] = await p.send({ topic: input, messages: [{ value: `o${Date.now()}` }], acks: -1 });
        producedAt.set(Number(meta!.baseOffset), Date.now());
        await p.send({ topic: payments, messages: [{ value: `p${Date.now()}` }], acks: -1 });
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
  }, 180_000);

  afterAll(async () => {
    hung = false;
    await hungConsumer?.disconnect().catch(() => undefined);
    keepProducing = false;
    await producing?.catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    server.cleanup();
    await team.stop();
    await kafkaAdmin.deleteTopics({ topics: [input, quietTopic, payments] }).catch(() => undefined);
    await kafkaAdmin.deleteGroups([stopping, quiet, hungGroup, proposedOpen, proposedDismiss]).catch(() => undefined);
    await kafkaAdmin.disconnect();
  });

  it("a critical group that stops consuming while input continues gets exactly one incident, impact start at the breach, announced on its channel; the quiet group none", async () => {
    // consuming, caught up (its oldest waiting record far younger than the SLO), then it stops
    const consumer = await consumeAll(stopping, input, async () => {
      const committed = await kafkaAdmin.fetchOffsets({ groupId: stopping, topics: [input] });
      return Number(committed[0]!.partitions[0]!.offset) >= 20;
    });
    await consumer.disconnect();
    const stoppedAt = Date.now();
    const committed = Number((await kafkaAdmin.fetchOffsets({ groupId: stopping, topics: [input] }))[0]!.partitions[0]!.offset);
    // the oldest record left unconsumed was produced at producedAt(committed): it is SLO seconds old at the breach
    const firstWaiting = await waitFor(async () => producedAt.get(committed), (t) => t !== undefined, { what: `the produce time of offset ${committed}` });
    const expectedBreach = firstWaiting! + SLO_SECONDS * 1000;

    const [incident] = await waitFor(() => incidentsNaming(stopping), (xs) => xs.length >= 1, { what: "an incident opened by the freshness watch", timeoutMs: 120_000, intervalMs: 500 });
    const detail = await call<{ incident: { openedAt: string }; state: { keyTimes: { impactStart?: string; detected?: string } }; entries: Entry[] }>(`/api/incidents/${incident!.id}`);
    expect(detail.status).toBe(200);
    const { keyTimes } = detail.body.state;
    const breach = await waitFor(async () => (await call<{ entries: Entry[] }>(`/api/incidents/${incident!.id}`)).body.entries.filter((e) => e.kind === "freshness-breach"), (xs) => xs.length >= 1, { what: "the freshness-breach entry" });
    expect(breach).toHaveLength(1);
    const payload = breach[0]!.payload as { group: string; breachStartedAt: string; detectedAt: string; episode: string; rules: { rule: string; since: string }[]; evidence: { totalLag: number; partitions: { topic: string; committedOffset: number | null; lag: number | null }[] } };
    expect(payload).toMatchObject({ group: stopping, episode: "first" });
    expect(payload.rules.map((r) => r.rule)).toContain("freshness-slo");
    // the evidence at the breach: the offset the group stopped at, the records waiting behind it
    expect(payload.evidence.partitions).toEqual([expect.objectContaining({ topic: input, committedOffset: committed })]);
    expect(payload.evidence.totalLag).toBeGreaterThan(0);
    // impact start = where the evidence puts the breach's start, not the moment it was noticed
    expect(keyTimes.impactStart).toBe(payload.breachStartedAt);
    const impactStart = Date.parse(keyTimes.impactStart!);
    const detected = Date.parse(keyTimes.detected!);
    expect(impactStart).toBeLessThan(detected);
    expect(impactStart).toBeGreaterThan(stoppedAt - 5_000);
    // the time-lag estimate places the waiting record between the two samples around its write
    // (2 s apart on an idle machine, further under load): the breach start is that close to the truth
    expect(Math.abs(impactStart - expectedBreach)).toBeLessThanOrEqual(10_000);
    console.log(`freshness watch MTTD: ${detected - impactStart} ms to the sample that saw it, ${Date.parse(detail.body.incident.openedAt) - impactStart} ms to the incident opened (breach start ${keyTimes.impactStart}, expected ${new Date(expectedBreach).toISOString()}, detected ${keyTimes.detected}, stopped ${new Date(stoppedAt).toISOString()})`);

    // the existing notifier announces it on the catalog entry's channel, signed, naming the incident
    const [delivery] = await waitFor(async () => team.received.filter((r) => r.headers["x-ripcord-event"] === "incident-opened" && JSON.stringify(r.json).includes(incident!.id)), (xs) => xs.length >= 1, { what: "the team channel's delivery", timeoutMs: 30_000 });
    expect(delivery!.json).toMatchObject({ event: "incident-opened", incident: { id: incident!.id, url: `https://ripcord.example/incidents/${incident!.id}` } });
    expect(verifySignature(SECRET, Number(delivery!.headers["x-ripcord-timestamp"]), delivery!.body, String(delivery!.headers["x-ripcord-signature"]), Math.floor(Date.now() / 1000))).toBe(true);

    // several samples later, still in breach: still one incident, and none for the quiet group
    await waitFor(async () => (await call<{ sampler: { lastSampleAt: number | null } }>("/api/cluster")).body.sampler.lastSampleAt ?? 0, (at) => at > detected + 8_000, { what: "four more samples", timeoutMs: 60_000, intervalMs: 500 });
    expect((await incidentsNaming(stopping)).map((i) => i.id)).toEqual([incident!.id]);
    expect(await incidentsNaming(quiet)).toEqual([]);
    expect(await committedIsEnd(quiet, quietTopic)).toBe(true);
    const after = (await call<{ entries: Entry[] }>(`/api/incidents/${incident!.id}`)).body.entries.filter((e) => e.kind === "freshness-breach");
    expect(after).toHaveLength(1);
  }, 240_000);
  it("a hung consumer (alive and heartbeating, committing nothing) trips the no-commit rule and gets its incident", async () => {
    const consumer = kafka.consumer({ groupId: hungGroup, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    hungConsumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: payments, fromBeginning: true });
    await consumer.run({
      eachBatchAutoResolve: false,
      autoCommitInterval: 500,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        for (const message of batch.messages) {
          // a record handler that never returns, while the member keeps heartbeating (seed 001 S12)
          while (hung && isRunning() && !isStale()) {
            await heartbeat();
            await new Promise((r) => setTimeout(r, 300));
          }
          if (!isRunning() || isStale()) return;
          resolveOffset(message.offset);
          await commitOffsetsIfNecessary();
        }
      },
    });
    await waitFor(async () => Number((await kafkaAdmin.fetchOffsets({ groupId: hungGroup, topics: [payments] }))[0]!.partitions[0]!.offset), (o) => o >= 20, { what: `${hungGroup} consuming`, timeoutMs: 60_000, intervalMs: 500 });
    hung = true;
    const hungAt = Date.now();

    const [incident] = await waitFor(() => incidentsNaming(hungGroup), (xs) => xs.length >= 1, { what: "an incident for the hung consumer", timeoutMs: 120_000, intervalMs: 500 });
    const entries = await waitFor(async () => (await call<{ entries: Entry[] }>(`/api/incidents/${incident!.id}`)).body.entries, (xs) => xs.some((e) => e.kind === "freshness-breach"), { what: "the hung group's freshness-breach entry" });
    const payload = entries.find((e) => e.kind === "freshness-breach")!.payload as { rules: { rule: string; since: string; text: string }[]; evidence: { members: number; totalLag: number } };
    const noCommit = payload.rules.find((r) => r.rule === "no-commit");
    expect(noCommit?.text).toMatch(/1 member\(s\) alive, nothing committed for \d+ s while [\d,]+ records wait/);
    expect(payload.evidence.members).toBe(1);
    expect(payload.evidence.totalLag).toBeGreaterThan(0);
    // the commits stopped at the hang (give or take a commit interval and a sample)
    expect(Date.parse(noCommit!.since)).toBeGreaterThan(hungAt - 5_000);
    expect((await incidentsNaming(hungGroup)).map((i) => i.id)).toEqual([incident!.id]);
    console.log(`freshness watch hung consumer: no-commit since ${noCommit!.since}, hung at ${new Date(hungAt).toISOString()}, rules ${payload.rules.map((r) => r.rule).join(",")}, breach entry at ${entries.find((e) => e.kind === "freshness-breach")!.createdAt}`);
  }, 240_000);

  it("a stream whose catalog entry says propose gets a proposal, not an incident: a person opens it (impact start at the breach) or dismisses it with a reason, once", async () => {
    type Proposal = { id: string; group: string; status: string; breachStartedAt: string; detectedAt: string; rules: string[]; incidentId: string | null; decidedBy: string | null; reason: string | null };
    for (const group of [proposedOpen, proposedDismiss]) {
      const consumer = await consumeAll(group, input, async () => Number((await kafkaAdmin.fetchOffsets({ groupId: group, topics: [input] }))[0]!.partitions[0]!.offset) >= 20);
      await consumer.disconnect();
    }
    const proposals = await waitFor(
      async () => (await call<{ proposals: Proposal[] }>("/api/freshness/proposals")).body.proposals.filter((p) => p.group === proposedOpen || p.group === proposedDismiss),
      (xs) => xs.length === 2,
      { what: "two proposals from the freshness watch", timeoutMs: 120_000, intervalMs: 500 },
    );
    const toOpen = proposals.find((p) => p.group === proposedOpen)!;
    const toDismiss = proposals.find((p) => p.group === proposedDismiss)!;
    expect(toOpen).toMatchObject({ status: "open", incidentId: null, decidedBy: null });
    // whichever rule saw it first (zero processing while input arrives, usually), quoting its numbers
    expect(toOpen.rules.length).toBeGreaterThan(0);
    expect(toOpen.rules.join(" ")).toMatch(/records\/s processed|SLO|nothing committed/);
    // a proposal opens nothing by itself, however many samples pass
    await waitFor(async () => (await call<{ sampler: { lastSampleAt: number | null } }>("/api/cluster")).body.sampler.lastSampleAt ?? 0, (at) => at > Date.parse(toOpen.detectedAt) + 8_000, { what: "four more samples", timeoutMs: 60_000, intervalMs: 500 });
    expect(await incidentsNaming(proposedOpen)).toEqual([]);
    expect((await call<{ proposals: Proposal[] }>("/api/freshness/proposals")).body.proposals.filter((p) => p.group === proposedOpen)).toHaveLength(1);

    // bad input names what is wrong; an unknown proposal is a 404
    const noReason = await call<{ detail?: string; errors?: { path: string }[] }>(`/api/freshness/proposals/${toDismiss.id}/dismiss`, { reason: "  " });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain("reason");
    expect((await call("/api/freshness/proposals/no-such-proposal/open", {})).status).toBe(404);

    // a machine token is nobody: it cannot decide for a person
    const machine = (await call<{ token: string }>("/api/tokens", { name: "it-machine", role: "commander", kind: "machine" })).body.token;
    const byMachine = await fetch(`${server.url}/api/freshness/proposals/${toDismiss.id}/open`, { method: "POST", headers: { authorization: `Bearer ${machine}` } });
    expect(byMachine.status).toBe(403);
    expect(((await byMachine.json()) as { detail: string }).detail).toBe("a person opens a proposed incident: sign in, or use a personal token");

    // opened by a person: one incident, impact start at the breach, the evidence kept
    const opened = await call<{ incidentId: string; proposal: Proposal }>(`/api/freshness/proposals/${toOpen.id}/open`, {});
    expect(opened.status).toBe(201);
    expect(opened.body.proposal).toMatchObject({ status: "opened", decidedBy: "Root", incidentId: opened.body.incidentId });
    const detail = await call<{ state: { keyTimes: { impactStart?: string } }; entries: Entry[] }>(`/api/incidents/${opened.body.incidentId}`);
    expect(detail.body.state.keyTimes.impactStart).toBe(toOpen.breachStartedAt);
    expect(detail.body.entries.filter((e) => e.kind === "freshness-breach")).toHaveLength(1);
    expect((await incidentsNaming(proposedOpen)).map((i) => i.id)).toEqual([opened.body.incidentId]);
    // decided once: opening again, or dismissing it now, is a conflict naming who decided
    const again = await call<{ detail?: string }>(`/api/freshness/proposals/${toOpen.id}/open`, {});
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe("this proposal is opened (by Root)");
    expect((await call(`/api/freshness/proposals/${toOpen.id}/dismiss`, { reason: "late" })).status).toBe(409);

    // dismissed with a reason: gone from the list, no incident, and not proposed again for this breach
    const dismissedAt = Date.now();
    const dismissed = await call<{ proposal: Proposal }>(`/api/freshness/proposals/${toDismiss.id}/dismiss`, { reason: "audit replay job, paused on purpose" });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.proposal).toMatchObject({ status: "dismissed", reason: "audit replay job, paused on purpose", decidedBy: "Root" });
    await waitFor(async () => (await call<{ sampler: { lastSampleAt: number | null } }>("/api/cluster")).body.sampler.lastSampleAt ?? 0, (at) => at > dismissedAt + 4_500, { what: "two samples after the dismissal", timeoutMs: 30_000, intervalMs: 500 });
    const left = (await call<{ proposals: Proposal[] }>("/api/freshness/proposals")).body.proposals.filter((p) => p.group === proposedOpen || p.group === proposedDismiss);
    expect(left).toEqual([]);
    expect(await incidentsNaming(proposedDismiss)).toEqual([]);
  }, 240_000);
});
