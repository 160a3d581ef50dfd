import { describe, expect, it } from "vitest";
import { AlertmanagerPayload, fromAlertmanager } from "./alertmanager";
import { ALERT_LIMITS } from "./limits";
import { fingerprintOf, incidentTitle, normalizeTime, scopeKey } from "./normalize";
import { fromWebhook, WebhookPayload } from "./webhook";

// As Alertmanager 0.25 sends it (captured shape; nanosecond timestamps, Go zero time for endsAt).
const payload = {
  receiver: "ripcord",
  status: "firing",
  alerts: [
    {
      status: "firing",
      labels: { alertname: "KafkaConsumerLagHigh", cluster: "prod-eu", topic: "payments.events", consumergroup: "ledger-writer", severity: "page" },
      annotations: { summary: "ledger-writer is behind on payments.events" },
      startsAt: "2026-11-24T05:40:01.123456789+01:00",
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "http://prometheus:9090/graph?g0.expr=lag",
      fingerprint: "a1b2c3d4e5f60718",
    },
  ],
  groupLabels: { alertname: "KafkaConsumerLagHigh" },
  commonLabels: { alertname: "KafkaConsumerLagHigh" },
  commonAnnotations: {},
  externalURL: "http://alertmanager:9093",
  version: "4",
  groupKey: '{}:{alertname="KafkaConsumerLagHigh"}',
  truncatedAlerts: 0,
};

describe("Alertmanager payload", () => {
  it("parses the payload as sent and reads the scope from the labels", () => {
    const [alert] = fromAlertmanager(AlertmanagerPayload.parse(payload));
    expect(alert).toMatchObject({
      source: "alertmanager",
      fingerprint: "a1b2c3d4e5f60718",
      status: "firing",
      name: "KafkaConsumerLagHigh",
      startsAt: "2026-11-24T04:40:01.123Z",
      endsAt: null,
      url: "http://prometheus:9090/graph?g0.expr=lag",
      scope: { cluster: "prod-eu", topics: ["payments.events"], groups: ["ledger-writer"] },
    });
    expect(incidentTitle(alert!)).toBe("KafkaConsumerLagHigh: ledger-writer is behind on payments.events");
  });

  it("tolerates unknown extra fields and missing optional ones", () => {
    const extra = { ...payload, newField: 1, alerts: [{ ...payload.alerts[0], annotations: undefined, endsAt: undefined, extra: true }] };
    expect(AlertmanagerPayload.safeParse(extra).success).toBe(true);
  });

  it.each([
    [{ ...payload, version: "3" }, "version"],
    [{ ...payload, alerts: [] }, "alerts"],
    [{ ...payload, alerts: [{ ...payload.alerts[0], fingerprint: undefined }] }, "alerts.0.fingerprint"],
    [{ ...payload, alerts: [{ ...payload.alerts[0], status: "pending" }] }, "alerts.0.status"],
    [{ ...payload, alerts: [{ ...payload.alerts[0], startsAt: "yesterday" }] }, "alerts.0.startsAt"],
    [{ ...payload, alerts: [{ ...payload.alerts[0], labels: { alertname: 5 } }] }, "alerts.0.labels.alertname"],
  ])("refuses a malformed payload naming the field (%#)", (bad, path) => {
    const r = AlertmanagerPayload.safeParse(bad);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.path.join(".")).toBe(path);
  });

  it("groups by cluster, topics and groups regardless of order", () => {
    expect(scopeKey({ cluster: "c", topics: ["b", "a"], groups: [] })).toBe(scopeKey({ cluster: "c", topics: ["a", "b", "a"], groups: [] }));
    expect(scopeKey({ cluster: "c", topics: ["a"], groups: [] })).not.toBe(scopeKey({ cluster: "d", topics: ["a"], groups: [] }));
  });

  it("normalises Go timestamps", () => {
    expect(normalizeTime("0001-01-01T00:00:00Z")).toBeNull();
    expect(normalizeTime("2026-01-01T00:00:00.999999999Z")).toBe("2026-01-01T00:00:00.999Z");
  });
});

describe("generic webhook", () => {
  it("derives a stable fingerprint and the scope", () => {
    const body = WebhookPayload.parse({ source: "grafana", alerts: [{ status: "firing", name: "Lag", topic: "t1", group: "g1" }] });
    const now = new Date("2026-01-01T00:00:00Z");
    const [a] = fromWebhook(body, now);
    const [b] = fromWebhook(body, now);
    expect(a?.fingerprint).toBe(b?.fingerprint);
    expect(a?.fingerprint).toBe(fingerprintOf({ alertname: "Lag", cluster: "default", topic: "t1", consumergroup: "g1" }));
    expect(a?.scope).toEqual({ cluster: "default", topics: ["t1"], groups: ["g1"] });
    expect(a?.startsAt).toBe("2026-01-01T00:00:00.000Z");
    expect(a?.startsAtFromSource).toBe(false);
    const timed = WebhookPayload.parse({ source: "grafana", alerts: [{ status: "firing", name: "Lag", startsAt: "2025-12-31T23:00:00Z" }] });
    expect(fromWebhook(timed, now)[0]).toMatchObject({ startsAt: "2025-12-31T23:00:00.000Z", startsAtFromSource: true });
  });
  it("refuses bad shapes naming the field", () => {
    const r = WebhookPayload.safeParse({ source: "Grafana!", alerts: [{ status: "firing" }] });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path.join("."))).toEqual(["source", "alerts.0.name"]);
  });
});

describe("alert limits", () => {
  const issuesOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => (r.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);
  const long = (n: number) => "x".repeat(n);

  it("refuses an over-long groupKey, receiver, label value or annotation (a 1 MiB label value too), naming the field", () => {
    const alert = payload.alerts[0]!;
    const r = AlertmanagerPayload.safeParse({
      ...payload,
      groupKey: long(ALERT_LIMITS.groupKeyChars + 1),
      receiver: long(ALERT_LIMITS.receiverChars + 1),
      alerts: [{ ...alert, labels: { ...alert.labels, cluster: long(1024 * 1024) }, annotations: { description: long(ALERT_LIMITS.annotationValueChars + 1) } }],
    });
    expect(issuesOf(r)).toEqual([
      "groupKey: groupKey is at most 2048 characters",
      "receiver: receiver is at most 256 characters",
      "alerts.0.labels.cluster: label values are at most 1024 characters",
      "alerts.0.annotations.description: annotation values are at most 8192 characters",
    ]);
  });

  it("keeps values at the limits; refuses more labels than the limit and over-long label names", () => {
    const alert = payload.alerts[0]!;
    const atLimit = { ...payload, groupKey: long(ALERT_LIMITS.groupKeyChars), receiver: long(ALERT_LIMITS.receiverChars), alerts: [{ ...alert, labels: { ...alert.labels, note: long(ALERT_LIMITS.labelValueChars) } }] };
    expect(AlertmanagerPayload.safeParse(atLimit).success).toBe(true);
    const many = Object.fromEntries(Array.from({ length: ALERT_LIMITS.labelsPerAlert + 1 }, (_, i) => [`l${i}`, "v"]));
    expect(issuesOf(WebhookPayload.safeParse({ source: "grafana", alerts: [{ status: "firing", name: "Lag", labels: many }] }))).toEqual(["alerts.0.labels: at most 64 labels"]);
    expect(issuesOf(WebhookPayload.safeParse({ source: "grafana", alerts: [{ status: "firing", name: "Lag", labels: { [long(ALERT_LIMITS.labelNameChars + 1)]: "v" } }] }))).toEqual([
      "alerts.0.labels: label names are at most 256 characters",
    ]);
    expect(issuesOf(WebhookPayload.safeParse({ source: "grafana", alerts: [{ status: "firing", name: "Lag", labels: { topic: long(ALERT_LIMITS.labelValueChars + 1) } }] }))).toEqual([
      "alerts.0.labels.topic: label values are at most 1024 characters",
    ]);
  });
});
