/**
 * Alerts from any source, normalised to one shape before intake: who sent it, a fingerprint
 * for de-duplication, firing or resolved, and the Kafka scope read from its labels.
 */

export interface AlertScope {
  cluster: string;
  topics: string[];
  groups: string[];
}

export interface IncomingAlert {
  source: string;
  fingerprint: string;
  status: "firing" | "resolved";
  name: string;
  summary: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** ISO-8601 UTC */
  startsAt: string;
  /**
   * false when the source sent no start time and startsAt is the time of receipt: a re-send of
   * a still-firing alert is then the same episode, not a re-fire (true when absent).
   */
  startsAtFromSource?: boolean;
  /** ISO-8601 UTC; null while firing */
  endsAt: string | null;
  url: string | null;
  scope: AlertScope;
}

/** Label names that carry the scope; the first of each list that is present wins. */
export const SCOPE_LABELS = {
  cluster: ["cluster", "kafka_cluster"],
  topic: ["topic"],
  group: ["consumergroup", "consumer_group", "group"],
} as const;

const DEFAULT_CLUSTER = "default";

function firstLabel(labels: Record<string, string>, names: readonly string[]): string | null {
  for (const n of names) {
    const v = labels[n]?.trim();
    if (v) return v;
  }
  return null;
}

export function scopeFromLabels(labels: Record<string, string>): AlertScope {
  const topic = firstLabel(labels, SCOPE_LABELS.topic);
  const group = firstLabel(labels, SCOPE_LABELS.group);
  return { cluster: firstLabel(labels, SCOPE_LABELS.cluster) ?? DEFAULT_CLUSTER, topics: topic ? [topic] : [], groups: group ? [group] : [] };
}

/** Alerts with the same key belong in the same incident (within the grouping window). */
export function scopeKey(scope: AlertScope): string {
  const sorted = (xs: string[]) => [...new Set(xs)].sort().join(",");
  return `${scope.cluster}|t:${sorted(scope.topics)}|g:${sorted(scope.groups)}`;
}

/**
 * Go's RFC 3339 timestamps carry up to nine fractional digits and any offset; JavaScript's
 * Date wants at most three. Returns ISO-8601 UTC, or null for Go's zero time (Alertmanager's
 * endsAt of a firing alert is 0001-01-01T00:00:00Z).
 */
export function normalizeTime(value: string): string | null {
  const trimmed = value.replace(/(\.\d{3})\d+/, "$1");
  const ms = Date.parse(trimmed);
  if (Number.isNaN(ms)) return null;
  if (new Date(ms).getUTCFullYear() <= 1) return null;
  return new Date(ms).toISOString();
}

/** A stable fingerprint for sources that do not send one: FNV-1a over the sorted labels. */
export function fingerprintOf(labels: Record<string, string>): string {
  const text = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join("\u0000");
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x811c9dc5) >>> 0;
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}

export function describeScope(scope: AlertScope): string {
  const parts = [...scope.groups.map((g) => `group ${g}`), ...scope.topics.map((t) => `topic ${t}`)];
  return parts.length ? parts.join(", ") : `cluster ${scope.cluster}`;
}

/** The title of an incident opened by an alert: the alert's summary, else its name and scope. */
export function incidentTitle(alert: IncomingAlert): string {
  const base = alert.summary && alert.summary !== alert.name ? `${alert.name}: ${alert.summary}` : `${alert.name} on ${describeScope(alert.scope)}`;
  const title = base.length >= 3 ? base : `Alert ${base}`;
  return title.length > 200 ? `${title.slice(0, 199)}…` : title;
}
