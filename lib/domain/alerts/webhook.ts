/**
 * The generic JSON webhook (POST /api/alerts/webhook) for sources other than Alertmanager
 * (Grafana, Datadog, a script…). Documented in the OpenAPI document through this schema:
 *
 *   { "source": "grafana",
 *     "alerts": [ { "status": "firing", "name": "ConsumerLagHigh",
 *                   "summary": "ledger-writer is 10 min behind",
 *                   "cluster": "prod-eu", "topic": "payments.events", "group": "ledger-writer",
 *                   "fingerprint": "optional; derived from source, name and scope when absent",
 *                   "startsAt": "2026-01-01T10:00:00Z", "url": "https://…", "labels": {…} } ] }
 */
import { z } from "zod";
import { ALERT_LIMITS, labelSet } from "./limits";
import { fingerprintOf, normalizeTime, type IncomingAlert } from "./normalize";

const scopeName = z.string().trim().min(1).max(249);
const isoTime = z.iso.datetime({ offset: true, error: "must be an ISO-8601 timestamp" });

export const WebhookAlert = z.object({
  status: z.enum(["firing", "resolved"], 'status must be "firing" or "resolved"'),
  name: z.string().trim().min(1, "name is required").max(200).describe("alert name, e.g. ConsumerLagHigh"),
  summary: z.string().max(2000).optional(),
  fingerprint: z.string().min(1).max(200).optional().describe("stable id of this alert across sends; derived from source, name, cluster, topic, group and labels when absent"),
  cluster: z.string().trim().min(1).max(100).optional(),
  topic: scopeName.optional(),
  group: scopeName.optional().describe("consumer group id"),
  labels: labelSet.default({}),
  startsAt: isoTime.optional().describe("defaults to the time of receipt"),
  endsAt: isoTime.optional(),
  url: z.url({ protocol: /^https?$/ }).max(ALERT_LIMITS.urlChars).optional(),
});

export const WebhookPayload = z.object({
  source: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{0,49}$/, "source must be a short lowercase name such as grafana").refine((s) => s !== "alertmanager", "use POST /api/alerts/alertmanager for Alertmanager"),
  alerts: z.array(WebhookAlert).min(1, "alerts must not be empty").max(1000),
});
export type WebhookPayload = z.output<typeof WebhookPayload>;

export function fromWebhook(payload: WebhookPayload, now: Date = new Date()): IncomingAlert[] {
  return payload.alerts.map((a): IncomingAlert => {
    const cluster = a.cluster ?? a.labels.cluster ?? "default";
    const topic = a.topic ?? a.labels.topic;
    const group = a.group ?? a.labels.consumergroup ?? a.labels.group;
    const labels: Record<string, string> = { ...a.labels, alertname: a.name, cluster, ...(topic ? { topic } : {}), ...(group ? { consumergroup: group } : {}) };
    return {
      source: payload.source,
      fingerprint: a.fingerprint ?? fingerprintOf(labels),
      status: a.status,
      name: a.name,
      summary: a.summary ?? "",
      labels,
      annotations: a.summary ? { summary: a.summary } : ({} as Record<string, string>),
      startsAt: (a.startsAt && normalizeTime(a.startsAt)) || now.toISOString(),
      startsAtFromSource: a.startsAt !== undefined,
      endsAt: a.endsAt ? normalizeTime(a.endsAt) : a.status === "resolved" ? now.toISOString() : null,
      url: a.url ?? null,
      scope: { cluster, topics: topic ? [topic] : [], groups: group ? [group] : [] },
    };
  });
}
