import { incidentDurations } from "@/lib/domain/metrics/durations";
import { isAcknowledgement, mitigationConfirmation, recoveryEvidence } from "@/lib/domain/metrics/key-time-rules";
import {
  isKind,
  type EntryAuthor,
  type IncidentEntry,
  type IncidentScope,
  type IncidentStatus,
  type KeyTime,
  type KnownPayloads,
  type SeverityLevel,
} from "./types";

export interface SeverityChange {
  seq: number;
  at: string;
  level: SeverityLevel;
  decision: "accepted" | "overridden";
  proposedLevel: SeverityLevel | null;
  rationale: string;
  by: EntryAuthor;
}

export interface Participant {
  id: string;
  name: string;
  since: string;
}

export interface IncidentState {
  title: string;
  cluster: string;
  scope: IncidentScope;
  summary: string | null;
  status: IncidentStatus;
  statusHistory: { seq: number; at: string; from: IncidentStatus | null; to: IncidentStatus; by: EntryAuthor }[];
  severity: SeverityLevel | null;
  severityHistory: SeverityChange[];
  latestProposal: { seq: number; at: string; payload: KnownPayloads["severity-proposed"] } | null;
  commander: { id: string; name: string; since: string } | null;
  commanderHistory: { seq: number; id: string; name: string; at: string }[];
  participants: Participant[];
  keyTimes: Partial<Record<KeyTime, string>>;
  /** seconds between key times (lib/domain/metrics/durations.ts): null until both ends are known, or when they are out of order */
  metrics: { mttdSeconds: number | null; mttaSeconds: number | null; mttmSeconds: number | null; mttrSeconds: number | null };
  /**
   * Mitigation as the evidence proposed it and the commander confirmed it (docs/mttx.md):
   * `evidenceSince` is when the recovery checks started passing (reset by a failing check),
   * `confirmed` the commander's move to resolution with the evidence time it kept.
   */
  mitigation: { evidenceSince: string | null; confirmed: { at: string; by: string; evidenceAt: string | null } | null };
  /** declared "not an incident": closed without a resolution, left out of every MTTx aggregate */
  falseAlarm: { at: string; by: string; reason: string } | null;
  /** entry id → seqs of the corrections that point at it */
  corrections: Record<string, number[]>;
  /** version (seq of the newest entry) per concurrency item */
  itemVersions: Record<string, number>;
  lastSeq: number;
  openedAt: string | null;
  lastActivityAt: string | null;
}


/**
 * Key times that a status change fills in when nobody set them explicitly. Acknowledged and
 * mitigated are not implied by a status: they come from who acted and what the evidence said
 * (lib/domain/metrics/key-time-rules.ts).
 */
const IMPLIED_KEY_TIME: Partial<Record<IncidentStatus, KeyTime>> = {
  review: "resolved",
};

export function emptyState(): IncidentState {
  return {
    title: "",
    cluster: "default",
    scope: { topics: [], groups: [], services: [] },
    summary: null,
    status: "detection",
    statusHistory: [],
    severity: null,
    severityHistory: [],
    latestProposal: null,
    commander: null,
    commanderHistory: [],
    participants: [],
    keyTimes: {},
    metrics: { mttdSeconds: null, mttaSeconds: null, mttmSeconds: null, mttrSeconds: null },
    mitigation: { evidenceSince: null, confirmed: null },
    falseAlarm: null,
    corrections: {},
    itemVersions: {},
    lastSeq: 0,
    openedAt: null,
    lastActivityAt: null,
  };
}

/**
 * Folds one entry into the state. Unknown kinds pass through: they advance lastSeq and the
 * item versions and make a human author a participant, nothing else. Explicit key-time
 * entries win over times implied by status changes, whatever their order.
 */
export function applyEntry(state: IncidentState, entry: IncidentEntry, explicit: Set<KeyTime> = new Set()): IncidentState {
  const s = state;
  s.lastSeq = Math.max(s.lastSeq, entry.seq);
  s.lastActivityAt = entry.createdAt;
  if (entry.item) s.itemVersions[entry.item] = entry.seq;
  if (entry.author.kind === "user" && !s.participants.some((p) => p.id === entry.author.id)) {
    s.participants.push({ id: entry.author.id, name: entry.author.name, since: entry.createdAt });
  }
  if (entry.correctsEntryId) (s.corrections[entry.correctsEntryId] ??= []).push(entry.seq);
  if (isAcknowledgement(entry) && !explicit.has("acknowledged")) s.keyTimes.acknowledged ??= entry.createdAt;
  const recovery = recoveryEvidence(entry);
  if (recovery && !s.mitigation.confirmed) {
    s.mitigation = { ...s.mitigation, evidenceSince: recovery.state === "recovered" ? (s.mitigation.evidenceSince ?? recovery.at) : null };
  }
  const confirmation = mitigationConfirmation(entry);
  if (confirmation && !s.mitigation.confirmed) {
    // the evidence's time when it proposed recovery; the commander's own time when they overrode failing checks
    const evidenceAt = s.mitigation.evidenceSince ?? confirmation.evidenceTakenAt;
    s.mitigation = { ...s.mitigation, confirmed: { at: entry.createdAt, by: entry.author.name, evidenceAt } };
    if (!explicit.has("mitigated")) s.keyTimes.mitigated ??= evidenceAt ?? entry.createdAt;
  }

  if (isKind(entry, "incident-opened")) {
    const p = entry.payload;
    s.title = p.title;
    s.cluster = p.cluster;
    s.scope = p.scope;
    s.summary = p.summary ?? null;
    s.openedAt = entry.createdAt;
    s.status = "detection";
    s.statusHistory.push({ seq: entry.seq, at: entry.createdAt, from: null, to: "detection", by: entry.author });
    s.keyTimes.detected ??= p.detectedAt ?? entry.createdAt;
    if (p.impactStartedAt) s.keyTimes.impactStart ??= p.impactStartedAt;
  } else if (isKind(entry, "status-changed")) {
    s.statusHistory.push({ seq: entry.seq, at: entry.createdAt, from: entry.payload.from, to: entry.payload.to, by: entry.author });
    s.status = entry.payload.to;
    const implied = IMPLIED_KEY_TIME[entry.payload.to];
    if (implied && !explicit.has(implied)) s.keyTimes[implied] ??= entry.createdAt;
    if (entry.payload.falseAlarm) s.falseAlarm = { at: entry.createdAt, by: entry.author.name, reason: entry.payload.falseAlarm.reason };
  } else if (isKind(entry, "severity-proposed")) {
    s.latestProposal = { seq: entry.seq, at: entry.createdAt, payload: entry.payload };
  } else if (isKind(entry, "severity-set")) {
    const p = entry.payload;
    s.severity = p.level;
    s.severityHistory.push({ seq: entry.seq, at: entry.createdAt, level: p.level, decision: p.decision, proposedLevel: p.proposedLevel, rationale: p.rationale, by: entry.author });
  } else if (isKind(entry, "role-changed")) {
    const p = entry.payload;
    if (p.role === "commander" && (p.action === "took" || p.action === "handed-over")) {
      s.commander = { id: p.userId, name: p.userName, since: entry.createdAt };
      s.commanderHistory.push({ seq: entry.seq, id: p.userId, name: p.userName, at: entry.createdAt });
    }
    if (!s.participants.some((x) => x.id === p.userId) && p.action !== "left") s.participants.push({ id: p.userId, name: p.userName, since: entry.createdAt });
    if (p.action === "left") s.participants = s.participants.filter((x) => x.id !== p.userId);
  } else if (isKind(entry, "key-time-set")) {
    s.keyTimes[entry.payload.key] = entry.payload.at;
  } else if (isKind(entry, "title-changed")) {
    s.title = entry.payload.title;
  }
  // The one MTTx implementation (lib/domain/metrics/durations.ts): never a negative duration.
  const d = incidentDurations(s.keyTimes);
  s.metrics = { mttdSeconds: d.mttd, mttaSeconds: d.mtta, mttmSeconds: d.mttm, mttrSeconds: d.mttr };
  return s;
}

/**
 * The state after one more entry (the next seq), without re-reading the log: what a live
 * client does per stream event, in time independent of the log's length. `state` is left as
 * it was (the collections this entry can change are copied first). Equal to deriveIncident over
 * the longer log: an explicit key time overrides an implied one whichever comes first.
 */
export function advanceIncident(state: IncidentState, entry: IncidentEntry): IncidentState {
  const next: IncidentState = {
    ...state,
    statusHistory: [...state.statusHistory],
    severityHistory: [...state.severityHistory],
    commanderHistory: [...state.commanderHistory],
    participants: [...state.participants],
    keyTimes: { ...state.keyTimes },
    corrections: { ...state.corrections },
    itemVersions: { ...state.itemVersions },
  };
  if (entry.correctsEntryId && next.corrections[entry.correctsEntryId]) next.corrections[entry.correctsEntryId] = [...next.corrections[entry.correctsEntryId]!];
  return applyEntry(next, entry);
}

/** The incident's current state, derived from its log (any order: entries are sorted by seq). */
export function deriveIncident(entries: readonly IncidentEntry[]): IncidentState {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  const explicit = new Set<KeyTime>();
  for (const e of sorted) if (isKind(e, "key-time-set")) explicit.add(e.payload.key);
  const state = emptyState();
  for (const e of sorted) applyEntry(state, e, explicit);
  return state;
}

/** Plain-text content of an entry, for search and summaries. */
export function entryText(entry: IncidentEntry): string {
  const p = entry.payload as Record<string, unknown> | null;
  if (!p || typeof p !== "object") return "";
  return ["title", "body", "description", "summary", "rationale", "note"]
    .map((k) => p[k])
    .filter((v): v is string => typeof v === "string")
    .join(" ");
}
