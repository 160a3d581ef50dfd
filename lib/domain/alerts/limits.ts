import { z } from "zod";

/**
 * How much of an alert Ripcord keeps. Alerts are stored in the incident log and streamed to every
 * viewer, so a sender's megabyte label value must be refused at intake, naming the field, rather
 * than stored. Generous beside what Alertmanager and Grafana send (label values of a few dozen
 * characters, descriptions of a few lines).
 */
export const ALERT_LIMITS = {
  groupKeyChars: 2048,
  receiverChars: 256,
  urlChars: 2000,
  labelNameChars: 256,
  labelValueChars: 1024,
  annotationValueChars: 8192,
  labelsPerAlert: 64,
} as const;

function boundedMap(valueChars: number, what: string) {
  return z
    .record(z.string(), z.string(`${what} values must be strings`).max(valueChars, `${what} values are at most ${valueChars} characters`))
    .refine((m) => Object.keys(m).length <= ALERT_LIMITS.labelsPerAlert, `at most ${ALERT_LIMITS.labelsPerAlert} ${what}s`)
    .refine((m) => Object.keys(m).every((name) => name.length <= ALERT_LIMITS.labelNameChars), `${what} names are at most ${ALERT_LIMITS.labelNameChars} characters`);
}

/** Prometheus-style labels (name → value), bounded. */
export const labelSet = boundedMap(ALERT_LIMITS.labelValueChars, "label");
/** Annotations (summary, description, runbook…): longer values than labels. */
export const annotationSet = boundedMap(ALERT_LIMITS.annotationValueChars, "annotation");
