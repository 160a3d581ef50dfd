import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin, Consumer, Producer } from "kafkajs";
import { GET as getIncident } from "@/app/api/incidents/[id]/route";
import { GET as getEvaluation } from "@/app/api/incidents/[id]/severity/evaluation/route";
import { GET as getGroup } from "@/app/api/cluster/groups/[groupId]/route";
import type { GroupDetail } from "@/lib/schemas/cluster";
import type { CurrentProposalView, SeverityEvaluationView } from "@/lib/schemas/severity";
import { getSampler, stopSamplers } from "@/lib/server/evidence/get-sampler";
import { uniqueName, waitFor } from "../helpers";
import { ctx, get, signedIn } from "../incidents/support";
import { createTopics, deleteQuietly, kafkaFor } from "../kafka/fixtures";
import { openIncidentFor } from "./one-engine.support";

/**
 * Issue 12: "a group stopped 75 s ago while input continues: the severity evaluation and the
 * group API both say about 75 s of time lag, and GET /api/incidents/{id} carries the proposed
 * level without any POST". The incident is opened 30 s after the stop (as they often are: after
 * the lag began), so the numbers need the history from before the incident.
 */
describe("a consumer group stopped 75 s ago while input continues", () => {
  const topic = uniqueName("it-75s-orders");
  const group = uniqueName("it-75s-billing");
  const kafka = kafkaFor();
  let admin: Admin;
  let producer: Producer;
  let consumer: Consumer;
  let pacing: NodeJS.Timeout | null = null;
  let stoppedAt = 0;
  let incidentId = "";
  let commander: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    commander = await signedIn("commander");
    getSampler(); // as the server does at start-up
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: 1, replicationFactor: 1 }]);
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    // 20 records a second, for the whole test: input continues
    pacing = setInterval(() => void producer.send({ topic, messages: [{ value: String(Date.now()) }, { value: String(Date.now()) }], acks: 1 }).catch(() => undefined), 100);
    consumer = kafka.consumer({ groupId: group, sessionTimeout: 6_000, heartbeatInterval: 500 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let consumed = 0;
    await consumer.run({ autoCommitInterval: 500, eachMessage: async () => void consumed++ });
    await waitFor(async () => consumed, (n) => n >= 100, { what: "the consumer to read", timeoutMs: 60_000 });
    await consumer.disconnect(); // the consumers stop; nothing alerts
    stoppedAt = Date.now();
    await waitFor(async () => Date.now() - stoppedAt, (ms) => ms >= 30_000, { what: "30 s after the stop", timeoutMs: 40_000, intervalMs: 1_000 });
    incidentId = await openIncidentFor(commander, { topics: [topic], groups: [group] }, "Billing stopped a while ago");
  }, 180_000);

  afterAll(async () => {
    if (pacing) clearInterval(pacing);
    stopSamplers();
    await producer?.disconnect().catch(() => undefined);
    await deleteQuietly(admin, [topic], [group]);
    await admin.disconnect();
  });

  it("the severity evaluation and the group API both say about 75 s of time lag; the incident carries its proposal without any POST", async () => {
    // the sampler's first sample at least 75 s after the stop
    const sampler = getSampler();
    await waitFor(async () => (sampler.latest()?.takenAt ?? 0) - stoppedAt, (ms) => ms >= 75_000, { what: "a sample 75 s after the stop", timeoutMs: 90_000, intervalMs: 500 });
    const read = async () => {
      const [evaluation, detail] = await Promise.all([
        getEvaluation(get(`/api/incidents/${incidentId}/severity/evaluation`, commander.cookie), ctx({ id: incidentId })).then(async (r) => (await r.json()) as SeverityEvaluationView),
        getGroup(get(`/api/cluster/groups/${group}`, commander.cookie), ctx({ groupId: group })).then(async (r) => (await r.json()) as GroupDetail),
      ]);
      return { evaluation, detail };
    };
    const { evaluation, detail } = await waitFor(read, (x) => x.evaluation.evidenceTakenAt !== null && Date.parse(x.evaluation.evidenceTakenAt) === x.detail.sampler.lastSampleAt, { what: "both reading the same sample", intervalMs: 100 });
    const sinceStop = (Date.parse(evaluation.evidenceTakenAt!) - stoppedAt) / 1000;
    expect(sinceStop).toBeGreaterThanOrEqual(75);
    const fromSeverity = evaluation.evidence.groups.find((g) => g.groupId === group)!.maxTimeLagSeconds!;
    const fromGroupApi = detail.group.maxTimeLagSeconds!;
    // the oldest unread record was produced right when the consumer stopped (it committed every 0.5 s)
    expect(fromSeverity).toBeGreaterThan(sinceStop - 3);
    expect(fromSeverity).toBeLessThan(sinceStop + 3);
    expect(fromGroupApi).toBe(fromSeverity);
    expect(evaluation.evidence.groups.find((g) => g.groupId === group)!.lagGrowthPerSec).toBe(detail.group.lagGrowthPerSec);
    expect(detail.group.status).toBe("stopped");
    // the severity's reasons quote the same time lag the group page shows
    expect(evaluation.answers.freshnessBreached?.evidence.join(" ")).toMatch(/time lag (7\d|8\d) s|time lag 1 min/);

    const incident = (await (await getIncident(get(`/api/incidents/${incidentId}`, commander.cookie), ctx({ id: incidentId }))).json()) as { proposal: CurrentProposalView | null; entries: { kind: string; author: { kind: string } }[] };
    expect(incident.proposal?.level).toMatch(/^SEV[1-4]$/);
    expect(incident.proposal?.reasons.length).toBeGreaterThan(0);
    expect(incident.proposal?.reasons.map((r) => r.text).join(" ")).toMatch(new RegExp(`${group}: backlog of [\\d,]+ records, consumption stopped`));
    const proposals = incident.entries.filter((e) => e.kind === "severity-proposed");
    expect(proposals.length).toBeGreaterThan(0);
    expect(proposals.every((e) => e.author.kind === "system")).toBe(true); // nobody asked
  });
});
