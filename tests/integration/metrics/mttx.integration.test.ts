import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as alertmanager } from "@/app/api/alerts/alertmanager/route";
import { POST as command } from "@/app/api/incidents/[id]/command/route";
import { POST as verify } from "@/app/api/incidents/[id]/mitigation/verification/route";
import { GET as reviewMarkdown } from "@/app/api/incidents/[id]/review.md/route";
import { GET as review } from "@/app/api/incidents/[id]/review/route";
import { GET as getIncident } from "@/app/api/incidents/[id]/route";
import { POST as changeStatus } from "@/app/api/incidents/[id]/status/route";
import { GET as metrics } from "@/app/api/metrics/route";
import { formatDuration } from "@/lib/domain/metrics/durations";
import { createApiToken } from "@/lib/server/auth/create-token";
import { uniqueName, waitFor } from "../helpers";
import { ctx, get, post, signedIn } from "../incidents/support";
import { createTopics, deleteQuietly, kafkaFor, produce } from "../kafka/fixtures";

type Entry = { seq: number; kind: string; createdAt: string; author: { kind: string; name: string }; payload: Record<string, unknown> };
type Metrics = { mttdSeconds: number | null; mttaSeconds: number | null; mttmSeconds: number | null; mttrSeconds: number | null };
type Detail = { incident: { id: string; status: string }; entries: Entry[]; state: { metrics: Metrics; keyTimes: Record<string, string>; falseAlarm: { reason: string } | null } };
type Summary = { n: number; m: number; medianSeconds: number | null };
type Dashboard = { dashboard: { incidentCount: number; falseAlarmsExcluded: number; summary: Record<"mttd" | "mtta" | "mttm" | "mttr", Summary> } };

// The scripted incident of issue 15 on the real Kafka and the real database, through the routes
// the pages call: an Alertmanager alert opens it (t0), a person takes command after a while (t1),
// the group catches up and the recovery check says so (t2), the commander confirms mitigation by
// moving to resolution (t3), then resolves (t4). The expected figures are read off the log's own
// entries, independently of the derivation; the incident API (what the header renders), the
// review, its Markdown and the manager's dashboard must all say the same. A false alarm opened
// by another alert is left out of the dashboard.
describe("MTTA, MTTM and MTTR on a scripted alert incident", () => {
  const kafka = kafkaFor();
  const admin = kafka.admin();
  const topic = uniqueName("it-mttx-orders");
  const group = uniqueName("it-mttx-billing");
  const noiseTopic = uniqueName("it-mttx-noise");
  let commander: Awaited<ReturnType<typeof signedIn>>;
  let token = "";
  let incidentId = "";
  let falseAlarmId = "";

  beforeAll(async () => {
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: 1, replicationFactor: 1 }, { topic: noiseTopic, numPartitions: 1, replicationFactor: 1 }]);
    await produce(kafka, topic, { 0: 100 });
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: "10" }] }); // lag 90, nobody consuming
    commander = await signedIn("commander");
    token = (await createApiToken({ name: uniqueName("am"), role: "responder", kind: "alert-source" })).token;
  });

  afterAll(async () => {
    await deleteQuietly(admin, [topic, noiseTopic], [group]);
    await admin.disconnect();
  });

  const fire = async (labels: Record<string, string>): Promise<string> => {
    const now = new Date().toISOString();
    const body = {
      version: "4", groupKey: `{}:{alertname="${labels.alertname}"}`, truncatedAlerts: 0, status: "firing", receiver: "ripcord",
      groupLabels: {}, commonLabels: labels, commonAnnotations: {}, externalURL: "http://am.test",
      alerts: [{ status: "firing", labels, annotations: { summary: `${labels.consumergroup ?? labels.topic} is behind` }, startsAt: now, endsAt: "0001-01-01T00:00:00Z", generatorURL: "http://prometheus.test/graph", fingerprint: uniqueName("fp") }],
    };
    const res = await alertmanager(new Request("http://localhost/api/alerts/alertmanager", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", authorization: `Bearer ${token}` } }), ctx());
    expect(res.status).toBe(200);
    const out = (await res.json()) as { alerts: { outcome: string; incidentId: string }[] };
    expect(out.alerts[0]?.outcome).toBe("opened");
    return out.alerts[0]!.incidentId;
  };
  const detail = async (id: string) => (await (await getIncident(get(`/api/incidents/${id}`, commander.cookie), ctx({ id }))).json()) as Detail;
  const move = (id: string, body: Record<string, unknown>) => changeStatus(post(`/api/incidents/${id}/status`, body, commander.cookie), ctx({ id }));
  const laterThan = (iso: string, ms: number) => waitFor(async () => Date.now(), (now) => now >= Date.parse(iso) + ms, { what: `${ms} ms after ${iso}` });

  it("an alert-opened incident is not acknowledged until a person acts: MTTA is the wait for that person", async () => {
    incidentId = await fire({ alertname: "KafkaConsumerLagHigh", topic, consumergroup: group });
    const opened = await detail(incidentId);
    expect(opened.incident.status).toBe("triage"); // the intake's move to triage…
    expect(opened.state.keyTimes.acknowledged).toBeUndefined(); // …is not an acknowledgement
    expect(opened.state.metrics.mttaSeconds).toBeNull();

    await laterThan(opened.state.keyTimes.detected!, 3000);
    const took = await command(post(`/api/incidents/${incidentId}/command`, { action: "take" }, commander.cookie), ctx({ id: incidentId }));
    expect(took.status).toBe(201);
    const after = await detail(incidentId);
    const firstByPerson = after.entries.find((e) => e.author.kind === "user")!;
    expect(firstByPerson.kind).toBe("role-changed");
    expect(after.state.keyTimes.acknowledged).toBe(firstByPerson.createdAt);
    expect(after.state.metrics.mttaSeconds).toBe(Math.round((Date.parse(firstByPerson.createdAt) - Date.parse(after.state.keyTimes.detected!)) / 1000));
    expect(after.state.metrics.mttaSeconds).toBeGreaterThanOrEqual(3);
  });

  it("mitigated is when the evidence said recovered, kept when the commander confirms later", async () => {
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: "100" }] }); // the group catches up
    // the recovery check the Mitigation tab runs, until it passes on the sampler's history (10 s of no growth)
    const passed = await waitFor(
      async () => (await (await verify(post(`/api/incidents/${incidentId}/mitigation/verification`, { noGrowthSeconds: 10, freshnessSloSeconds: 60 }, commander.cookie), ctx({ id: incidentId }))).json()) as { ready: boolean; checks: { id: string; status: string }[] },
      (v) => v.ready,
      { what: "a passing recovery check", timeoutMs: 60_000, intervalMs: 2000 },
    );
    expect(passed.checks.every((c) => c.status === "pass")).toBe(true);

    const log = (await detail(incidentId)).entries;
    const proposal = log.find((e) => e.kind === "recovery-verified" && e.payload.ready === true)!;
    await laterThan(proposal.createdAt, 2000);
    // the resolve gate wants 5 min without growth: it is pending, so the commander confirms with a reason
    const gated = await move(incidentId, { to: "resolution" });
    expect(gated.status).toBe(412);
    const confirmed = await move(incidentId, { to: "resolution", verificationOverride: "caught up and the recovery check passed; the 5 min window is not over yet" });
    expect(confirmed.status).toBe(201);
    const confirmation = ((await confirmed.json()) as { entry: Entry }).entry;

    const s = (await detail(incidentId)).state;
    const evidenceAt = new Date((proposal.payload.sample as { at: number }).at).toISOString();
    expect(s.keyTimes.mitigated).toBe(evidenceAt);
    expect(Date.parse(confirmation.createdAt) - Date.parse(evidenceAt)).toBeGreaterThanOrEqual(2000); // the confirmation came later and did not move it
    expect(s.metrics.mttmSeconds).toBe(Math.round((Date.parse(evidenceAt) - Date.parse(s.keyTimes.impactStart!)) / 1000));
  });

  it("the header's figures, the review, its Markdown and the dashboard all say what the log says", async () => {
    await laterThan((await detail(incidentId)).state.keyTimes.mitigated!, 1000);
    expect((await move(incidentId, { to: "review" })).status).toBe(201);
    const { entries, state } = await detail(incidentId);

    // read straight off the log
    const opened = entries.find((e) => e.kind === "incident-opened")!;
    const impact = Date.parse(opened.payload.impactStartedAt as string);
    const detected = Date.parse(opened.payload.detectedAt as string);
    const acknowledged = Date.parse(entries.find((e) => e.author.kind === "user")!.createdAt);
    const mitigated = (entries.find((e) => e.kind === "recovery-verified" && e.payload.ready === true)!.payload.sample as { at: number }).at;
    const resolved = Date.parse(entries.find((e) => e.kind === "status-changed" && e.payload.to === "review")!.createdAt);
    const sec = (from: number, to: number) => Math.round((to - from) / 1000);
    const expected = { mttdSeconds: sec(impact, detected), mttaSeconds: sec(detected, acknowledged), mttmSeconds: sec(impact, mitigated), mttrSeconds: sec(impact, resolved) };
    expect(expected.mttaSeconds).toBeLessThan(expected.mttmSeconds);
    expect(expected.mttmSeconds).toBeLessThan(expected.mttrSeconds);

    expect(state.metrics).toEqual(expected); // what the incident header shows

    const doc = ((await (await review(get(`/api/incidents/${incidentId}/review`, commander.cookie), ctx({ id: incidentId }))).json()) as { document: { durations: Record<string, number | null> } }).document;
    expect({ mttdSeconds: doc.durations.mttd, mttaSeconds: doc.durations.mtta, mttmSeconds: doc.durations.mttm, mttrSeconds: doc.durations.mttr }).toEqual(expected);

    const md = await (await reviewMarkdown(get(`/api/incidents/${incidentId}/review.md`, commander.cookie), ctx({ id: incidentId }))).text();
    expect(md).toContain(`| MTTA (detected → acknowledged by a person) | ${formatDuration(expected.mttaSeconds)} |`);
    expect(md).toContain(`| MTTM (impact start → mitigated (evidence, confirmed)) | ${formatDuration(expected.mttmSeconds)} |`);
    expect(md).toContain(`| MTTR (impact start → resolved) | ${formatDuration(expected.mttrSeconds)} |`);

    // this file has its own database: the dashboard holds this one incident
    const dash = ((await (await metrics(get("/api/metrics", commander.cookie), ctx())).json()) as Dashboard).dashboard;
    expect(dash.incidentCount).toBe(1);
    expect(dash.summary.mtta).toMatchObject({ n: 1, m: 1, medianSeconds: expected.mttaSeconds });
    expect(dash.summary.mttm).toMatchObject({ n: 1, m: 1, medianSeconds: expected.mttmSeconds });
    expect(dash.summary.mttr).toMatchObject({ n: 1, m: 1, medianSeconds: expected.mttrSeconds });
  });

  it("a false alarm is closed with its reason and left out of the dashboard; bad requests name what is wrong", async () => {
    falseAlarmId = await fire({ alertname: "KafkaTopicSilent", topic: noiseTopic });
    const wrongTarget = await move(falseAlarmId, { to: "review", falseAlarm: "the alert's threshold was wrong" });
    expect(wrongTarget.status).toBe(400);
    expect(JSON.stringify(await wrongTarget.json())).toContain("falseAlarm");
    expect((await move(falseAlarmId, { to: "closed", falseAlarm: "short" })).status).toBe(400);

    const reason = "the silence alert fired on a topic nobody writes at night";
    const closed = await move(falseAlarmId, { to: "closed", falseAlarm: reason });
    expect(closed.status).toBe(201);
    const d = await detail(falseAlarmId);
    expect(d.incident.status).toBe("closed");
    expect(d.state.falseAlarm?.reason).toBe(reason);
    expect(d.state.keyTimes.acknowledged).toBeDefined(); // a person acted on it…
    expect((await move(falseAlarmId, { to: "closed", falseAlarm: reason })).status).toBe(422); // closed stays closed

    const dash = ((await (await metrics(get("/api/metrics", commander.cookie), ctx())).json()) as Dashboard).dashboard;
    expect(dash.falseAlarmsExcluded).toBe(1); // …but it never counts
    expect(dash.incidentCount).toBe(1);
    expect(dash.summary.mtta).toMatchObject({ n: 1, m: 1 });
  });
});
