/**
 * The incident log's vocabulary. Every change to an incident is an entry; the incident's
 * current state is derived from its entries (derive.ts). The kind union is open: other
 * features append their own kinds through `appendEntry()` and the reducer passes unknown
 * kinds through untouched (they count as activity and make their authors participants).
 */

export const INCIDENT_STATUSES = ["detection", "triage", "mitigation", "resolution", "review", "closed"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Where the lifecycle may go from each status (seed 003). Going back is allowed where work can regress. */
export const STATUS_TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  detection: ["triage", "mitigation", "resolution"],
  triage: ["mitigation", "resolution"],
  mitigation: ["triage", "resolution"],
  resolution: ["mitigation", "review"],
  review: ["closed", "mitigation"],
  closed: [],
};

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  detection: "Detection",
  triage: "Triage",
  mitigation: "Mitigation",
  resolution: "Resolution",
  review: "Review",
  closed: "Closed",
};

export function isIncidentStatus(value: string): value is IncidentStatus {
  return (INCIDENT_STATUSES as readonly string[]).includes(value);
}

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** "Not an incident / false alarm" closes the incident from any status short of closed (no resolution, no review). */
export function canDeclareFalseAlarm(from: IncidentStatus): boolean {
  return from !== "closed";
}

export const SEVERITY_LEVELS = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

export const KEY_TIMES = ["impactStart", "detected", "acknowledged", "mitigated", "resolved"] as const;
export type KeyTime = (typeof KEY_TIMES)[number];

export const KEY_TIME_LABELS: Record<KeyTime, string> = {
  impactStart: "Impact start",
  detected: "Detected",
  acknowledged: "Acknowledged",
  mitigated: "Mitigated",
  resolved: "Resolved",
};

export const ANNOTATION_KINDS = ["observation", "hypothesis", "action", "decision", "communication", "did-not-change"] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

export const ANNOTATION_LABELS: Record<AnnotationKind, string> = {
  observation: "Observation",
  hypothesis: "Hypothesis",
  action: "Action",
  decision: "Decision",
  communication: "Communication",
  "did-not-change": "Did not change",
};

export interface IncidentScope {
  topics: string[];
  groups: string[];
  services: string[];
}

export type AuthorKind = "user" | "token" | "system";

export interface EntryAuthor {
  id: string;
  name: string;
  kind: AuthorKind;
}

/** One entry of the log as every layer above the database sees it. */
export interface IncidentEntry<K extends string = string, P = unknown> {
  id: string;
  incidentId: string;
  /** per-incident, gapless, from 1 */
  seq: number;
  kind: K;
  /** concurrency key of the item this entry changes; null for pure additions */
  item: string | null;
  author: EntryAuthor;
  /** ISO-8601 UTC */
  createdAt: string;
  payload: P;
  correctsEntryId: string | null;
}

export interface EvidenceRef {
  kind: "snapshot" | "chart-range" | "entry";
  /** entry id of an evidence-captured entry, or a chart name */
  ref: string;
  from?: string;
  to?: string;
}

/**
 * One reason of a severity proposal, as the log keeps it (lib/domain/severity/propose.ts makes
 * them). Entries written before the one severity model carry the question's text in `question`.
 */
export interface SeverityReason {
  question: string;
  text: string;
  source: "kafka" | "commander" | "catalog";
  /** the level this reason alone points to; absent in older entries */
  level?: SeverityLevel;
  evidence?: string;
}

/** Payloads of the kinds this feature defines. */
export interface KnownPayloads {
  "incident-opened": { title: string; cluster: string; scope: IncidentScope; summary?: string; impactStartedAt?: string; detectedAt?: string };
  "status-changed": {
    from: IncidentStatus;
    to: IncidentStatus;
    note?: string;
    /** moving to resolution: the recovery verification it rested on */
    verification?: { ready: boolean; checks: { id: string; title: string; status: string; current: string }[]; evidenceTakenAt: string | null };
    /** resolved although verification did not pass: the commander's written reason */
    override?: { reason: string };
    /** closed as "not an incident / false alarm" (to: closed): why; left out of MTTx aggregates */
    falseAlarm?: { reason: string };
  };
  /**
   * A severity proposal. `auto`: made by Ripcord when the incident opened or the evidence moved
   * (author system); otherwise a commander asked, with `commander` holding what they told it.
   */
  "severity-proposed": {
    level: SeverityLevel;
    reasons: SeverityReason[];
    answers: unknown;
    evidenceTakenAt: string | null;
    auto?: boolean;
    /** the level of the proposal this one replaces (auto proposals), null for the first */
    previousLevel?: SeverityLevel | null;
    questions?: { id: string; text: string }[];
    unknowns?: string[];
    commander?: { freshnessSloSeconds: number | null; answers: Record<string, string> };
  };
  "severity-set": { level: SeverityLevel; decision: "accepted" | "overridden"; proposedLevel: SeverityLevel | null; proposalSeq: number | null; rationale: string };
  annotation: { annotationKind: AnnotationKind; body: string; links: { label?: string; url: string }[]; evidence?: EvidenceRef };
  "role-changed": { role: "commander" | "participant"; userId: string; userName: string; action: "took" | "handed-over" | "joined" | "left" };
  "key-time-set": { key: KeyTime; at: string; note?: string };
  event: { type: "deploy" | "schema-change" | "config-change"; description: string; at: string; service?: string; url?: string; topics: string[]; groups: string[]; source: string };
  "evidence-captured": { takenAt: string | null; summary: string; data?: unknown };
  "change-detected": { change: string; description: string; at: string };
  /** written by the evidence watcher (lib/server/incidents/watch-evidence.ts) */
  "evidence-change": { change: "config-change" | "isr-shrink" | "leader-change" | "broker-left" | "group-rebalancing"; description: string; at: string; topics: string[]; groups: string[] };
  correction: { body: string };
  "title-changed": { title: string };
}

export type KnownKind = keyof KnownPayloads;

export function isKind<K extends KnownKind>(entry: IncidentEntry, kind: K): entry is IncidentEntry<K, KnownPayloads[K]> {
  return entry.kind === kind;
}
