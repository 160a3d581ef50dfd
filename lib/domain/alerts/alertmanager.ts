/**
 * Prometheus Alertmanager's webhook payload, exactly as Alertmanager sends it (version "4";
 * https://prometheus.io/docs/alerting/latest/configuration/#webhook_config). Unknown extra
 * fields are tolerated (newer Alertmanagers add some); the fields intake relies on are checked
 * and a malformed payload is refused with the path of the first bad field.
 */
import { z } from "zod";
import { ALERT_LIMITS, annotationSet, labelSet } from "./limits";
import { incidentTitle, normalizeTime, scopeFromLabels, type IncomingAlert } from "./normalize";

const goTime = z.string().refine((s) => normalizeTime(s) !== null || /^0001-01-01T/.test(s), "must be an RFC 3339 timestamp");

export const AlertmanagerAlert = z.object({
  status: z.enum(["firing", "resolved"], 'status must be "firing" or "resolved"'),
  labels: labelSet.refine((l) => Object.keys(l).length > 0, "an alert needs at least one label"),
  annotations: annotationSet.default({}),
  startsAt: goTime,
  endsAt: goTime.optional(),
  generatorURL: z.string().max(ALERT_LIMITS.urlChars).optional(),
  fingerprint: z.string("fingerprint is required (Alertmanager sends one per alert)").min(1, "fingerprint must not be empty").max(200),
});

export const AlertmanagerPayload = z.object({
  version: z.literal("4", 'version must be "4" (the Alertmanager webhook format)'),
  groupKey: z.string().max(ALERT_LIMITS.groupKeyChars, `groupKey is at most ${ALERT_LIMITS.groupKeyChars} characters`),
  truncatedAlerts: z.number().int().min(0).default(0),
  status: z.enum(["firing", "resolved"]),
  receiver: z.string().max(ALERT_LIMITS.receiverChars, `receiver is at most ${ALERT_LIMITS.receiverChars} characters`),
  groupLabels: labelSet.default({}),
  commonLabels: labelSet.default({}),
  commonAnnotations: annotationSet.default({}),
  externalURL: z.string().max(ALERT_LIMITS.urlChars).default(""),
  alerts: z.array(AlertmanagerAlert).min(1, "alerts must not be empty").max(1000),
});
export type AlertmanagerPayload = z.output<typeof AlertmanagerPayload>;

export const ALERTMANAGER_SOURCE = "alertmanager";

export function fromAlertmanager(payload: AlertmanagerPayload): IncomingAlert[] {
  return payload.alerts.map((a) => {
    const name = a.labels.alertname ?? "alert";
    const alert: IncomingAlert = {
      source: ALERTMANAGER_SOURCE,
      fingerprint: a.fingerprint,
      status: a.status,
      name,
      summary: a.annotations.summary ?? a.annotations.description ?? "",
      labels: a.labels,
      annotations: a.annotations,
      startsAt: normalizeTime(a.startsAt) ?? new Date(0).toISOString(),
      endsAt: a.endsAt ? normalizeTime(a.endsAt) : null,
      url: a.generatorURL || null,
      scope: scopeFromLabels(a.labels),
    };
    return alert;
  });
}

export { incidentTitle };
