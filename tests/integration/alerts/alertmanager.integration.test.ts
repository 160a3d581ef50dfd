import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueName, waitFor } from "../helpers";
import { createTopics, deleteQuietly, kafkaFor } from "../kafka/fixtures";
import { alertmanagerFingerprint, api, bootstrapAuth, postToAlertmanager, startAlertmanager, startRipcord, type Running } from "./harness";

interface Summary {
  id: string;
  title: string;
  status: string;
  cluster: string;
  scope: { topics: string[]; groups: string[]; services: string[] };
}
interface Entry {
  seq: number;
  kind: string;
  payload: Record<string, unknown>;
}
interface Detail {
  incident: Summary;
  entries: Entry[];
}

// Real Prometheus Alertmanager → real `next start` → real SQLite (and the run's real Kafka for
// the severity proposal). No mocks anywhere on the path.
describe("alert intake from a real Alertmanager", () => {
  let ripcord: Running;
  let alertmanager: Running;
  let adminCookie = "";
  let token = "";

  beforeAll(async () => {
    ripcord = await startRipcord();
    ({ adminCookie, token } = await bootstrapAuth());
    alertmanager = await startAlertmanager(token);
  });

  afterAll(async () => {
    await alertmanager?.stop();
    await ripcord?.stop();
  });

  const incidentsFor = async (topic: string) => {
    const { body } = await api<{ incidents: Summary[] }>("/api/incidents", { cookie: adminCookie });
    return body.incidents.filter((i) => i.scope.topics.includes(topic));
  };
  const detail = async (id: string) => (await api<Detail>(`/api/incidents/${id}`, { cookie: adminCookie })).body;

  it("opens one incident in triage for a fired alert, groups the same alert and a same-scope alert into it, and records the resolve", async () => {
    const topic = uniqueName("am-orders");
    const labels = { alertname: "KafkaConsumerLagHigh", cluster: "it", topic, consumergroup: `${topic}-reader` };
    await postToAlertmanager([{ labels, annotations: { summary: "reader is behind" } }]);
    const [incident] = await waitFor(() => incidentsFor(topic), (xs) => xs.length === 1, { what: "the incident opened by the alert", timeoutMs: 30_000 });
    expect(incident).toMatchObject({ status: "triage", cluster: "it", scope: { topics: [topic], groups: [`${topic}-reader`] } });
    expect(incident?.title).toContain("reader is behind");

    // The same alert again: Alertmanager de-duplicates it, and so does Ripcord when re-sent as-is.
    await postToAlertmanager([{ labels, annotations: { summary: "reader is behind" } }]);
    const fingerprint = await alertmanagerFingerprint(labels);
    const first = await detail(incident!.id);
    const firing = first.entries.filter((e) => e.kind === "alert-firing");
    expect(firing).toHaveLength(1);
    const resend = await api<{ alerts: { outcome: string; incidentId: string }[] }>("/api/alerts/alertmanager", {
      token,
      body: {
        version: "4",
        groupKey: "{}:{}",
        truncatedAlerts: 0,
        status: "firing",
        receiver: "ripcord",
        groupLabels: {},
        commonLabels: labels,
        commonAnnotations: {},
        externalURL: "http://am",
        alerts: [{ status: "firing", labels, annotations: {}, startsAt: firing[0]!.payload.startsAt, endsAt: "0001-01-01T00:00:00Z", generatorURL: "", fingerprint }],
      },
    });
    expect(resend.status).toBe(200);
    expect(resend.body.alerts[0]).toMatchObject({ outcome: "duplicate", incidentId: incident!.id });

    // Another alert on the same scope (a different alertname → its own Alertmanager group) joins it.
    const other = { ...labels, alertname: "KafkaConsumerStalled" };
    await postToAlertmanager([{ labels: other }]);
    await waitFor(() => detail(incident!.id), (d) => d.entries.filter((e) => e.kind === "alert-firing").length === 2, { what: "the second alert on the same incident" });
    expect(await incidentsFor(topic)).toHaveLength(1);

    // Resolve: endsAt in the past; Alertmanager sends a resolved notification.
    await postToAlertmanager([{ labels, endsAt: new Date(Date.now() - 1000).toISOString() }]);
    const resolved = await waitFor(() => detail(incident!.id), (d) => d.entries.some((e) => e.kind === "alert-resolved"), { what: "the resolved alert on the timeline" });
    expect(resolved.entries.find((e) => e.kind === "alert-resolved")?.payload).toMatchObject({ name: "KafkaConsumerLagHigh", status: "resolved", fingerprint });
    expect(await incidentsFor(topic)).toHaveLength(1);
  });

  it("routes a topic with a catalog entry to its owners and carries its freshness SLO into the severity proposal", async () => {
    const topic = uniqueName("am-payments");
    const group = `${topic}-ledger`;
    const yaml = `version: 1
entries:
  - topic: ${topic.split("-").slice(0, 2).join("-")}-*
    service: checkout
    team: payments
    tier: critical
    freshnessSloSeconds: 60
    owners:
      impact: { name: Payments, contact: "slack:#payments-oncall" }
      diagnosis: { name: Streaming platform, contact: "pagerduty:PLATFORM" }
      action: { name: Payments SRE, contact: "pagerduty:PAYMENTS" }
    runbook: https://runbooks.example/payments-lag
`;
    const imported = await api<{ created: number }>("/api/catalog/import", { cookie: adminCookie, body: { yaml, mode: "merge" } });
    expect(imported.status).toBe(200);

    // A real lagging group on a real topic: records written 10 minutes ago, nothing consumed.
    const kafka = kafkaFor();
    const admin = kafka.admin();
    await admin.connect();
    try {
      await createTopics(admin, [{ topic, numPartitions: 1, replicationFactor: 1 }]);
      const producer = kafka.producer();
      await producer.connect();
      const old = Date.now() - 10 * 60_000;
      await producer.send({ topic, acks: -1, messages: Array.from({ length: 20 }, (_, i) => ({ value: `p${i}`, timestamp: String(old + i) })) });
      await producer.disconnect();
      await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: "0" }] });

      // no cluster label: the alert is about the cluster this server samples (the one cluster identity)
      await postToAlertmanager([{ labels: { alertname: "KafkaFreshnessBreached", topic, consumergroup: group }, annotations: { summary: "ledger is stale" } }]);
      const [incident] = await waitFor(() => incidentsFor(topic), (xs) => xs.length === 1, { what: "the incident" });
      expect(incident?.scope.services).toEqual(["checkout"]);
      const d = await waitFor(() => detail(incident!.id), (x) => x.entries.some((e) => e.kind === "severity-proposed"), { what: "the severity proposal", timeoutMs: 45_000 });

      const owners = d.entries.find((e) => e.kind === "owners-suggested")?.payload as {
        owners: Record<string, { name: string; contact: string }[]>;
        freshnessSloSeconds: number;
        streams: unknown[];
        runbooks: { url: string }[];
      };
      expect(owners.owners.impact?.[0]).toMatchObject({ name: "Payments", contact: "slack:#payments-oncall" });
      expect(owners.owners.diagnosis?.[0]).toMatchObject({ name: "Streaming platform", contact: "pagerduty:PLATFORM" });
      expect(owners.owners.action?.[0]).toMatchObject({ name: "Payments SRE", contact: "pagerduty:PAYMENTS" });
      expect(owners.freshnessSloSeconds).toBe(60);
      expect(owners.streams).toEqual([{ topic, tier: "critical", freshnessSloSeconds: 60 }]);
      expect(owners.runbooks[0]?.url).toBe("https://runbooks.example/payments-lag");

      const proposal = d.entries.find((e) => e.kind === "severity-proposed")?.payload as { level: string; answers: Record<string, { answer: string; evidence: string[] }> };
      const freshness = proposal.answers.freshnessBreached;
      expect(freshness?.evidence.join(" ")).toMatch(/freshness SLO 1\s?min|freshness SLO 60\s?s/);
      // Whether the SLO is breached is the classifier's call on Kafka's time lag (its own
      // measure); what the catalog guarantees is that the SLO and the tier are in the question.
      expect(freshness?.answer).not.toBe("unknown");
      // the catalog's critical tier answers "business impact" (one severity vocabulary)
      expect(proposal.answers.businessImpact).toMatchObject({ answer: "yes", source: "catalog" });
    } finally {
      await deleteQuietly(admin, [topic], [group]);
      await admin.disconnect();
    }
  });

  it("refuses a malformed payload with 400 naming the field, and stores nothing", async () => {
    const topic = uniqueName("am-bad");
    const good = { status: "firing", labels: { alertname: "A", topic }, annotations: {}, startsAt: new Date().toISOString(), fingerprint: `fp-${topic}` };
    const response = await api<{ detail: string }>("/api/alerts/alertmanager", {
      token,
      body: { version: "4", groupKey: "k", status: "firing", receiver: "r", alerts: [good, { ...good, fingerprint: undefined }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain("body.alerts.1.fingerprint");
    expect(await incidentsFor(topic)).toHaveLength(0);
    const anonymous = await api("/api/alerts/alertmanager", { body: { version: "4" } });
    expect(anonymous.status).toBe(401);
  });

  it("the generic JSON webhook: opens an incident from another source, de-duplicates a re-send, records the resolve, and names a bad field", async () => {
    const topic = uniqueName("wh-payments");
    const alert = { status: "firing", name: "ConsumerLagHigh", summary: "ledger-writer is 10 min behind", cluster: "it", topic, group: `${topic}-ledger` };
    const fired = await api<{ alerts: { outcome: string; incidentId: string | null }[] }>("/api/alerts/webhook", { token, body: { source: "grafana", alerts: [alert] } });
    expect(fired.status).toBe(200);
    expect(fired.body.alerts.map((a) => a.outcome)).toEqual(["opened"]);
    const [incident] = await incidentsFor(topic);
    expect(incident).toMatchObject({ id: fired.body.alerts[0]?.incidentId, status: "triage", cluster: "it", scope: { topics: [topic], groups: [`${topic}-ledger`] } });

    const again = await api<{ alerts: { outcome: string; incidentId: string | null }[] }>("/api/alerts/webhook", { token, body: { source: "grafana", alerts: [alert] } });
    expect(again.body.alerts).toEqual([expect.objectContaining({ outcome: "duplicate", incidentId: incident!.id })]);
    const resolved = await api<{ alerts: { outcome: string }[] }>("/api/alerts/webhook", { token, body: { source: "grafana", alerts: [{ ...alert, status: "resolved" }] } });
    expect(resolved.body.alerts.map((a) => a.outcome)).toEqual(["resolved"]);
    expect(await incidentsFor(topic)).toHaveLength(1);
    const kinds = (await detail(incident!.id)).entries.map((e) => e.kind);
    expect(kinds.filter((k) => k === "alert-firing")).toHaveLength(1);
    expect(kinds).toContain("alert-resolved");

    const bad = await api<{ detail: string }>("/api/alerts/webhook", { token, body: { source: "grafana", alerts: [{ ...alert, topic: `${topic}-x`, status: "burning" }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain("body.alerts.0.status");
    expect(await incidentsFor(`${topic}-x`)).toHaveLength(0);
  });

  it("a YAML import with one bad entry changes nothing and names the line", async () => {
    const before = await api<{ entries: unknown[] }>("/api/catalog", { cookie: adminCookie });
    const yaml = `version: 1
entries:
  - group: it-good
    service: a
    team: b
    owners: { impact: { name: a, contact: b }, diagnosis: { name: a, contact: b }, action: { name: a, contact: b } }
  - group: it-bad
    service: a
    team: b
    tier: urgent
    owners: { impact: { name: a, contact: b }, diagnosis: { name: a, contact: b }, action: { name: a, contact: b } }
`;
    const response = await api<{ detail: string; lineErrors: { line: number; path: string }[] }>("/api/catalog/import", { cookie: adminCookie, body: { yaml } });
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain("line 10");
    expect(response.body.lineErrors).toEqual([expect.objectContaining({ line: 10, path: "entries[1].tier" })]);
    const after = await api<{ entries: unknown[] }>("/api/catalog", { cookie: adminCookie });
    expect(after.body.entries).toEqual(before.body.entries);
  });
});
