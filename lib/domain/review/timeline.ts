import { ANNOTATION_LABELS, KEY_TIME_LABELS, STATUS_LABELS, type AnnotationKind, type IncidentEntry, type IncidentStatus, type KeyTime } from "@/lib/domain/incidents/types";

/** Kind of the entries by which a commander pins (or unpins) a log entry into the review's timeline excerpt. */
export const REVIEW_PIN_KIND = "review-pin";

export interface PinPayload {
  entryId: string;
  pinned: boolean;
}

export type ExcerptReason = "pinned" | "status" | "severity" | "opened";

export interface ExcerptItem {
  entryId: string;
  seq: number;
  at: string;
  kind: string;
  author: string;
  text: string;
  reasons: ExcerptReason[];
}

export interface ChartMarker {
  at: string;
  kind: "deploy" | "schema-change" | "config-change" | "status" | "severity" | "opened";
  label: string;
}

function isPin(p: unknown): p is PinPayload {
  if (typeof p !== "object" || p === null) return false;
  const o = p as Record<string, unknown>;
  return typeof o.entryId === "string" && typeof o.pinned === "boolean";
}

/** Entry ids currently pinned: the newest pin entry per target wins (pin, unpin, pin again…). */
export function pinnedEntryIds(entries: readonly IncidentEntry[]): Set<string> {
  const state = new Map<string, boolean>();
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) if (e.kind === REVIEW_PIN_KIND && isPin(e.payload)) state.set(e.payload.entryId, e.payload.pinned);
  return new Set([...state].filter(([, pinned]) => pinned).map(([id]) => id));
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** One line of plain text describing an entry, for the excerpt, Markdown and chart markers. */
export function describeEntry(e: IncidentEntry): string {
  const p = (typeof e.payload === "object" && e.payload !== null ? e.payload : {}) as Record<string, unknown>;
  switch (e.kind) {
    case "incident-opened":
      return `Incident opened: ${str(p.title)}`;
    case "status-changed": {
      const from = STATUS_LABELS[p.from as IncidentStatus] ?? str(p.from);
      const to = STATUS_LABELS[p.to as IncidentStatus] ?? str(p.to);
      return `Status ${from} → ${to}${str(p.note) ? ` (${str(p.note)})` : ""}`;
    }
    case "severity-set":
      return `Severity set to ${str(p.level)} (${str(p.decision)})${str(p.rationale) ? `: ${str(p.rationale)}` : ""}`;
    case "annotation":
      return `${ANNOTATION_LABELS[p.annotationKind as AnnotationKind] ?? "Note"}: ${str(p.body)}`;
    case "event":
      return `${str(p.type) === "deploy" ? "Deploy" : str(p.type) === "schema-change" ? "Schema change" : "Config change"}: ${str(p.description)}`;
    case "key-time-set":
      return `${KEY_TIME_LABELS[p.key as KeyTime] ?? str(p.key)} set to ${str(p.at)}`;
    case "role-changed":
      return `${str(p.userName)} ${str(p.action)} ${str(p.role)}`;
    case "tree-mark":
      return `Root-cause tree: ${str(p.leafId)} marked ${str(p.mark)}${str(p.note) ? ` — ${str(p.note)}` : ""}`;
    case "evidence-captured":
      return `Evidence captured: ${str(p.summary)}`;
    case "correction":
      return `Correction: ${str(p.body)}`;
    case "title-changed":
      return `Title changed to ${str(p.title)}`;
    default: {
      const text = ["body", "description", "summary", "note", "title"].map((k) => str(p[k])).find(Boolean);
      return text ? `${e.kind}: ${text}` : e.kind;
    }
  }
}

/** When the thing an entry describes happened: events and key times carry their own time. */
function happenedAt(e: IncidentEntry): string {
  const p = (typeof e.payload === "object" && e.payload !== null ? e.payload : {}) as Record<string, unknown>;
  if (e.kind === "event" && typeof p.at === "string") return p.at;
  return e.createdAt;
}

/** The review's timeline: entries the commander pinned, plus every status and severity change, oldest first. */
export function timelineExcerpt(entries: readonly IncidentEntry[]): ExcerptItem[] {
  const pinned = pinnedEntryIds(entries);
  const out: ExcerptItem[] = [];
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    const reasons: ExcerptReason[] = [];
    if (e.kind === "incident-opened") reasons.push("opened");
    if (e.kind === "status-changed") reasons.push("status");
    if (e.kind === "severity-set") reasons.push("severity");
    if (pinned.has(e.id)) reasons.push("pinned");
    if (reasons.length === 0) continue;
    out.push({ entryId: e.id, seq: e.seq, at: happenedAt(e), kind: e.kind, author: e.author.name, text: describeEntry(e), reasons });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq);
}

/** Markers for the incident-window charts: deploy / schema / config events, status and severity changes. */
export function chartMarkers(entries: readonly IncidentEntry[]): ChartMarker[] {
  const out: ChartMarker[] = [];
  for (const e of entries) {
    const p = (typeof e.payload === "object" && e.payload !== null ? e.payload : {}) as Record<string, unknown>;
    if (e.kind === "event" && (p.type === "deploy" || p.type === "schema-change" || p.type === "config-change")) out.push({ at: happenedAt(e), kind: p.type, label: str(p.description) || p.type });
    else if (e.kind === "status-changed") out.push({ at: e.createdAt, kind: "status", label: STATUS_LABELS[p.to as IncidentStatus] ?? str(p.to) });
    else if (e.kind === "severity-set") out.push({ at: e.createdAt, kind: "severity", label: str(p.level) });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
}
