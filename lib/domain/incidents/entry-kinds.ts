/**
 * The one registry of incident log entry kinds: for every kind any feature appends, a label and
 * a sentence saying what was done, to which node, item or action, and the note that came with
 * it. The timeline, the catch-up and anything else that shows an entry read it from here; a
 * component may draw a richer body for some kinds, never a different one. Payloads come from
 * the database as stored (older entries may lack newer fields), so every describer reads them
 * defensively.
 */
import { leafById } from "@/lib/domain/diagnosis/tree";
import { TREE_ANSWER_KIND, TREE_MARK_KIND, TREE_MARK_LABELS, type TreeMark } from "@/lib/domain/diagnosis-marks/types";
import { checklistItemTitle } from "@/lib/domain/mitigation/checklist";
import { ENTRY_KINDS as MITIGATION_KINDS, type ItemAction } from "@/lib/domain/mitigation/types";
import { REVIEW_PIN_KIND } from "@/lib/domain/review/timeline";
import { ANNOTATION_LABELS, KEY_TIME_LABELS, STATUS_LABELS, type AnnotationKind, type IncidentEntry, type IncidentStatus, type KeyTime, type KnownKind } from "./types";

/** What a reader sees of one entry: the kind's label, one sentence, and the person's note if any. */
export interface EntrySentence {
  label: string;
  text: string;
  note?: string;
}

type Payload = Record<string, unknown>;
type Describer = (p: Payload) => EntrySentence;

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const obj = (v: unknown): Payload => (v && typeof v === "object" && !Array.isArray(v) ? (v as Payload) : {});
const quoted = (s: string) => `“${s}”`;
const withNote = (s: EntrySentence, note: unknown): EntrySentence => (str(note) ? { ...s, note: str(note) } : s);
const status = (v: unknown) => STATUS_LABELS[v as IncidentStatus] ?? str(v) ?? "?";
const nodeTitle = (leafId: unknown) => (str(leafId) ? (leafById(String(leafId))?.title ?? String(leafId)) : "a node");
const itemTitle = (p: Payload) => str(p.title) ?? (str(p.itemId) ? checklistItemTitle(String(p.itemId)) : "a checklist item");
const actionTitle = (p: Payload) => str(p.title) ?? "a guarded action";
const scopeText = (scope: unknown) => {
  const s = obj(scope);
  return `groups ${list(s.groups).join(", ") || "–"}; topics ${list(s.topics).join(", ") || "–"}`;
};

const ITEM_VERBS: Record<ItemAction, string> = {
  assign: "Assigned",
  start: "Started",
  done: "Completed",
  skip: "Skipped",
  block: "Marked blocked",
  reopen: "Reopened",
};

/** An action entry: label, verb, the action's title and its dry-run summary. */
const action = (label: string, verb: string): Describer => (p) => withNote({ label, text: `${verb} ${actionTitle(p)}${str(p.summary) ? `: ${str(p.summary)}` : ""}` }, p.note ?? p.error);

const REGISTRY = {
  "incident-opened": (p) => withNote({ label: "Incident opened", text: `Opened ${quoted(str(p.title) ?? "untitled")} on ${str(p.cluster) ?? "?"} — ${scopeText(p.scope)}` }, p.summary),
  "status-changed": (p) =>
    obj(p.falseAlarm).reason
      ? withNote({ label: "False alarm", text: `Closed the incident as not an incident (false alarm), from ${status(p.from)}: left out of MTTx` }, obj(p.falseAlarm).reason)
      : withNote({ label: "Status changed", text: `Moved the incident from ${status(p.from)} to ${status(p.to)}${obj(p.override).reason ? " (resolved with an override)" : ""}` }, p.note ?? obj(p.override).reason),
  "severity-proposed": (p) => ({ label: "Severity proposed", text: `Proposed ${str(p.level) ?? "?"}${Array.isArray(p.reasons) && p.reasons.length ? `: ${p.reasons.map((r) => str(obj(r).text)).filter(Boolean).slice(0, 3).join("; ")}` : ""}` }),
  "severity-set": (p) => withNote({ label: "Severity set", text: p.decision === "accepted" ? `Accepted ${str(p.level) ?? "?"}` : `Set ${str(p.level) ?? "?"}, overriding the proposal (${str(p.proposedLevel) ?? "none"})` }, p.rationale),
  annotation: (p) => ({ label: ANNOTATION_LABELS[p.annotationKind as AnnotationKind] ?? "Annotation", text: str(p.body) ?? "(empty)" }),
  "role-changed": (p) => {
    const who = str(p.userName) ?? "someone";
    const what = p.role === "commander" ? "command" : "the incident";
    const verb = { took: "took", "handed-over": "was handed", joined: "joined", left: "left" }[String(p.action)] ?? String(p.action ?? "changed");
    return { label: "Role changed", text: p.action === "joined" || p.action === "left" ? `${who} ${verb} the incident` : `${who} ${verb} ${what}` };
  },
  "key-time-set": (p) => withNote({ label: "Key time set", text: `Set ${KEY_TIME_LABELS[p.key as KeyTime] ?? str(p.key) ?? "a key time"} to ${str(p.at) ?? "?"}` }, p.note),
  event: (p) => ({ label: { deploy: "Deploy", "schema-change": "Schema change", "config-change": "Config change" }[String(p.type)] ?? "Event", text: `${str(p.description) ?? String(p.type ?? "event")}${str(p.service) ? ` (${str(p.service)})` : ""} at ${str(p.at) ?? "?"}` }),
  "evidence-captured": (p) => ({ label: "Evidence captured", text: str(p.summary) ?? `Evidence taken at ${str(p.takenAt) ?? "?"}` }),
  "change-detected": (p) => ({ label: "Change detected", text: str(p.description) ?? `${str(p.change) ?? "A change"} at ${str(p.at) ?? "?"}` }),
  "evidence-change": (p) => ({ label: "Kafka changed", text: str(p.description) ?? `${str(p.change) ?? "A change"} at ${str(p.at) ?? "?"}` }),
  correction: (p) => ({ label: "Correction", text: str(p.body) ?? "(empty)" }),
  "title-changed": (p) => ({ label: "Title changed", text: `Renamed the incident to ${quoted(str(p.title) ?? "?")}` }),

  "alert-firing": (p) => ({ label: "Alert firing", text: `${str(p.name) ?? "An alert"} from ${str(p.source) ?? "?"} is firing${str(p.summary) ? `: ${str(p.summary)}` : ""}${p.refired ? " (again)" : ""}` }),
  "alert-resolved": (p) => ({ label: "Alert resolved", text: `${str(p.name) ?? "An alert"} from ${str(p.source) ?? "?"} resolved` }),
  "owners-suggested": (p) => {
    const byRole = obj(p.owners);
    const named = ["impact", "diagnosis", "action"].map((role) => {
      const names = [...new Set((Array.isArray(byRole[role]) ? byRole[role] : []).map((o) => str(obj(o).name)).filter(Boolean))];
      return names.length ? `${role} ${names.join(", ")}` : null;
    }).filter(Boolean);
    return { label: "Owners suggested", text: named.length ? `Owners from the catalog: ${named.join("; ")}` : "No catalog entry names an owner for this scope" };
  },

  [MITIGATION_KINDS.itemUpdated]: (p) => {
    const verb = ITEM_VERBS[p.action as ItemAction] ?? "Updated";
    const to = p.action === "assign" && str(p.assigneeName) ? ` to ${str(p.assigneeName)}` : "";
    return withNote({ label: "Checklist", text: `${verb} ${quoted(itemTitle(p))}${to}` }, p.reason);
  },
  [MITIGATION_KINDS.actionRequested]: action("Action requested", "Requested"),
  [MITIGATION_KINDS.actionApproved]: action("Action approved", "Approved"),
  [MITIGATION_KINDS.actionRejected]: action("Action rejected", "Rejected"),
  [MITIGATION_KINDS.actionExecuted]: action("Action executed", "Executed"),
  [MITIGATION_KINDS.actionFailed]: action("Action failed", "Tried to execute"),
  [MITIGATION_KINDS.actionRolledBack]: action("Action rolled back", "Rolled back"),
  [MITIGATION_KINDS.actionRefused]: action("Action refused", "Refused to execute"),
  [MITIGATION_KINDS.actionApprovalExpired]: action("Approval expired", "The approval no longer counts for"),
  [MITIGATION_KINDS.rollbackRequested]: action("Rollback requested", "Asked to roll back"),
  [MITIGATION_KINDS.rollbackApproved]: action("Rollback approved", "Approved rolling back"),
  [MITIGATION_KINDS.rollbackRejected]: action("Rollback declined", "Declined rolling back"),
  [MITIGATION_KINDS.recoveryVerified]: (p) => {
    const checks = Array.isArray(p.checks) ? p.checks.map(obj) : [];
    const passing = checks.filter((c) => c.status === "pass").length;
    const detail = checks.map((c) => `${str(c.title) ?? str(c.id) ?? "check"}: ${str(c.status) ?? "?"}${str(c.current) ? ` (${str(c.current)})` : ""}`).join("; ");
    return { label: "Recovery check", text: `${p.ready ? "Recovery verified" : "Recovery not verified yet"}: ${passing} of ${checks.length} checks pass${detail ? ` — ${detail}` : ""}` };
  },

  [TREE_MARK_KIND]: (p) => withNote({ label: "Root cause", text: `Marked ${quoted(nodeTitle(p.leafId))} ${(TREE_MARK_LABELS[p.mark as TreeMark] ?? str(p.mark) ?? "?").toLowerCase()}` }, p.note),
  [TREE_ANSWER_KIND]: (p) => withNote({ label: "Question answered", text: `Answered ${p.answer === "yes" ? "yes" : p.answer === "no" ? "no" : "?"} to ${quoted(str(p.questionText) ?? "a question")} on ${quoted(nodeTitle(p.leafId))}${str(p.at) ? ` (at ${str(p.at)})` : ""}` }, p.note),

  [REVIEW_PIN_KIND]: (p) => ({ label: "Review", text: `${p.pinned === false ? "Unpinned" : "Pinned"} an entry ${p.pinned === false ? "from" : "into"} the review's timeline` }),
  "review-state-changed": (p) => ({ label: "Review", text: `Moved the review from ${str(p.from) ?? "?"} to ${str(p.to) ?? "?"}` }),

  "routing-changed": (p) => ({ label: "Routing changed", text: str(p.summary) ?? "Diagnosis and action moved to another owner" }),
  "stakeholder-update": (p) => ({
    label: "Stakeholder update",
    text:
      str(p.known) || str(p.impact) || str(p.next)
        ? `Known: ${str(p.known) ?? "–"} Impact: ${str(p.impact) ?? "–"} Next: ${str(p.next) ?? "–"}${str(p.nextUpdateAt) ? ` (next update ${str(p.nextUpdateAt)})` : " (no further update promised)"}`
        : (str(p.body) ?? str(p.summary) ?? "A stakeholder update (no details recorded)"),
  }),
  "stakeholder-update-due": (p) => ({ label: "Update due", text: str(p.summary) ?? `The next stakeholder update was due${str(p.dueAt) ? ` at ${str(p.dueAt)}` : ""}` }),
  "freshness-breach": (p) => ({ label: "Freshness breach", text: str(p.summary) ?? `The freshness watch saw ${str(p.group) ?? "a stream"} in breach` }),
  "freshness-recovered": (p) => ({ label: "Freshness recovered", text: str(p.summary) ?? `${str(p.group) ?? "The stream"} tripped no freshness rule for the recovery period` }),

  "drill-started": (p) => ({ label: "Drill started", text: str(p.summary) ?? `Drill started${str(p.scenario) ? `: ${str(p.scenario)}` : ""}` }),
  "drill-stopped": (p) => withNote({ label: "Drill stopped", text: str(p.summary) ?? `Drill stopped${str(p.scenario) ? `: ${str(p.scenario)}` : ""}` }, p.reason),
} satisfies Record<string, Describer>;

/** Every kind any feature appends to the log. Adding a kind means adding its describer above. */
export type EntryKindName = keyof typeof REGISTRY;
export const ENTRY_KIND_NAMES = Object.keys(REGISTRY) as EntryKindName[];

// The core kinds of types.ts must all be here (a compile error names the missing one).
const CORE_KINDS_COVERED: Record<KnownKind, Describer> = REGISTRY;
void CORE_KINDS_COVERED;

export function isRegisteredKind(kind: string): kind is EntryKindName {
  return Object.hasOwn(REGISTRY, kind);
}

/** The label and sentence of an entry; a kind nobody registered still reads as words, never as its raw name alone. */
export function describeEntry(entry: Pick<IncidentEntry, "kind" | "payload">): EntrySentence {
  const payload = obj(entry.payload);
  if (isRegisteredKind(entry.kind)) return REGISTRY[entry.kind](payload);
  const words = entry.kind.replace(/[-_.]+/g, " ");
  const label = words.charAt(0).toUpperCase() + words.slice(1);
  const text = ["summary", "description", "body", "title", "note"].map((k) => str(payload[k])).find(Boolean);
  return { label, text: text ?? `${label} (no details recorded)` };
}
