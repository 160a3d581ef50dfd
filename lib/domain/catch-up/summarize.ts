/**
 * The catch-up summary for someone who joins late (issue 17): made from the incident's log and
 * the evidence kept with it, deterministic (the same log and `asOf` give the same summary), no
 * model. What happened when; the current and proposed severity with reasons; the leading cause
 * and what rules it in; what was tried; what is waiting for whom; who owns what.
 */
import { reduceMarks } from "@/lib/domain/diagnosis-marks/marks";
import { leafById } from "@/lib/domain/diagnosis/tree";
import { FRESHNESS_BREACH_KIND, FRESHNESS_RECOVERED_KIND, type FreshnessBreachPayload } from "@/lib/domain/freshness/types";
import { deriveIncident } from "@/lib/domain/incidents/derive";
import { STATUS_LABELS, type IncidentEntry, type KnownPayloads } from "@/lib/domain/incidents/types";
import { formatDuration } from "@/lib/domain/metrics/durations";
import { deriveItemStatuses } from "@/lib/domain/mitigation/item-state";
import { ENTRY_KINDS, type ChecklistItemUpdate } from "@/lib/domain/mitigation/types";
import { askText, pendingActions, staleText, utcTime } from "@/lib/domain/notifications/compose";
import { STAKEHOLDER_UPDATE_KIND, UPDATE_DUE_KIND, updateSchedule, type StakeholderUpdatePayload } from "@/lib/domain/notifications/updates";
import { deriveRouting } from "@/lib/domain/routing/derive";
import { ROUTING_CHANGED_KIND, ROUTING_SIDE_LABELS, type RoutingChangedPayload } from "@/lib/domain/routing/types";

/** Evidence kept with the incident (the kept bundles, the snapshot at open), newest last. */
export interface KeptEvidenceNote {
  takenAt: string;
  /** "at open", "at the breach", "at the severity decision"… */
  moment: string;
  summary: string;
}

export interface CatchUpMoment {
  at: string;
  seq: number;
  text: string;
}

export interface CatchUp {
  asOf: string;
  headline: string;
  /** the key moments, oldest first (at most MAX_MOMENTS; the rest are counted) */
  moments: CatchUpMoment[];
  omittedMoments: number;
  severity: { current: string | null; decidedBy: string | null; rationale: string | null; proposed: string | null; proposedReasons: string[]; differs: boolean };
  cause: { leading: string | null; confirmed: boolean; because: string[]; investigating: string[]; ruledOut: string[] };
  impact: string;
  tried: string[];
  waiting: { what: string; who: string }[];
  owners: { impact: string; diagnosis: string; action: string; side: string | null };
  evidence: KeptEvidenceNote[];
  lastUpdate: { at: string; by: string; text: string } | null;
}

export const MAX_MOMENTS = 20;

const names = (owners: readonly { name: string; contact: string }[]) => owners.map((o) => `${o.name} (${o.contact})`).join(", ") || "not known";

function momentOf(e: IncidentEntry): string | null {
  const p = e.payload as Record<string, unknown>;
  switch (e.kind) {
    case "incident-opened":
      return `Opened by ${e.author.name}: ${(p as KnownPayloads["incident-opened"]).title}`;
    case "status-changed": {
      const s = p as KnownPayloads["status-changed"];
      return `${e.author.name} moved it to ${STATUS_LABELS[s.to] ?? s.to}${s.note ? ` (${s.note})` : ""}${s.override ? " — resolved without a passing verification" : ""}`;
    }
    case "severity-set": {
      const s = p as KnownPayloads["severity-set"];
      return `${e.author.name} set ${s.level}${s.decision === "overridden" ? ` (over the proposed ${s.proposedLevel ?? "none"})` : ""}`;
    }
    case "role-changed": {
      const r = p as KnownPayloads["role-changed"];
      return r.role === "commander" && (r.action === "took" || r.action === "handed-over") ? `${r.userName} ${r.action === "took" ? "took" : "was handed"} command` : null;
    }
    case FRESHNESS_BREACH_KIND: {
      const b = p as unknown as FreshnessBreachPayload;
      return `Freshness watch: ${b.group} breached (${b.rules.map((r) => r.rule).join(", ")}) since ${utcTime(b.breachStartedAt)}`;
    }
    case FRESHNESS_RECOVERED_KIND:
      return `Freshness watch: ${String(p.group)} is fresh again`;
    case ROUTING_CHANGED_KIND:
      return (p as unknown as RoutingChangedPayload).summary;
    case ENTRY_KINDS.actionRequested:
      return `${e.author.name} requested ${String(p.title)}: ${String(p.summary)}`;
    case ENTRY_KINDS.actionApproved:
      return `${e.author.name} approved ${String(p.title)}`;
    case ENTRY_KINDS.actionRejected:
      return `${e.author.name} rejected ${String(p.title)}`;
    case ENTRY_KINDS.actionExecuted:
      return `${e.author.name} executed ${String(p.title)}`;
    case ENTRY_KINDS.actionFailed:
      return `${String(p.title)} failed: ${String(p.error ?? "")}`;
    case ENTRY_KINDS.actionRolledBack:
      return `${e.author.name} rolled back ${String(p.title)}`;
    case ENTRY_KINDS.recoveryVerified:
      return p.ready === true ? `Recovery verified by ${e.author.name}` : null;
    case "tree-mark": {
      const leaf = leafById(String(p.leafId));
      return p.mark === "confirmed" || p.mark === "ruled-out" ? `${e.author.name} ${p.mark === "confirmed" ? "confirmed" : "ruled out"} ${leaf?.title ?? String(p.leafId)}` : null;
    }
    case STAKEHOLDER_UPDATE_KIND:
      return `${e.author.name} posted a stakeholder update`;
    case UPDATE_DUE_KIND:
      return "A stakeholder update came due and was not posted";
    case "drill-started":
      return "Drill started (not a real incident)";
    default:
      return null;
  }
}

export function summarizeForLateJoiner(entries: readonly IncidentEntry[], kept: readonly KeptEvidenceNote[], asOf: number): CatchUp {
  const log = [...entries].sort((a, b) => a.seq - b.seq);
  const state = deriveIncident(log);
  const routing = deriveRouting(log);
  const openFor = state.openedAt ? formatDuration((asOf - Date.parse(state.openedAt)) / 1000) : "—";

  const all = log.map((e) => ({ at: e.createdAt, seq: e.seq, text: momentOf(e) })).filter((m): m is CatchUpMoment => m.text !== null);
  // the opening and the newest moments matter most to someone arriving
  const moments = all.length <= MAX_MOMENTS ? all : [all[0]!, ...all.slice(-(MAX_MOMENTS - 1))];

  const lastSet = state.severityHistory[state.severityHistory.length - 1] ?? null;
  const proposal = state.latestProposal?.payload ?? null;

  const marks = reduceMarks(log);
  const title = (leafId: string) => leafById(leafId)?.title ?? leafId;
  const confirmed = [...marks.entries()].filter(([, m]) => m.current.mark === "confirmed").sort((a, b) => b[1].current.seq - a[1].current.seq)[0];
  const lastRoute = [...log].reverse().find((e) => e.kind === ROUTING_CHANGED_KIND)?.payload as RoutingChangedPayload | undefined;
  const cause: CatchUp["cause"] = confirmed
    ? { leading: title(confirmed[0]), confirmed: true, because: [`confirmed by ${confirmed[1].current.by.name}: ${confirmed[1].current.note}`], investigating: [], ruledOut: [] }
    : lastRoute
      ? { leading: lastRoute.cause.title, confirmed: false, because: lastRoute.cause.reasons, investigating: [], ruledOut: [] }
      : { leading: null, confirmed: false, because: [], investigating: [], ruledOut: [] };
  for (const [leafId, m] of marks) {
    if (m.current.mark === "investigating") cause.investigating.push(title(leafId));
    if (m.current.mark === "ruled-out") cause.ruledOut.push(`${title(leafId)} (${m.current.note})`);
  }

  const tried: string[] = [];
  for (const e of log) {
    const p = e.payload as Record<string, unknown>;
    if (e.kind === ENTRY_KINDS.actionExecuted) tried.push(`${String(p.title)}: ${String(p.summary)} (by ${e.author.name}, ${utcTime(e.createdAt)})`);
    if (e.kind === ENTRY_KINDS.actionFailed) tried.push(`${String(p.title)} failed: ${String(p.error ?? "")}`);
    if (e.kind === ENTRY_KINDS.actionRolledBack) tried.push(`${String(p.title)} rolled back by ${e.author.name}`);
  }
  const items = deriveItemStatuses(log);
  const itemTitles = new Map<string, string>();
  for (const e of log) if (e.kind === ENTRY_KINDS.itemUpdated) {
    const u = e.payload as ChecklistItemUpdate;
    if (u.title) itemTitles.set(u.itemId, u.title);
  }
  for (const s of Object.values(items)) {
    const t = itemTitles.get(s.itemId) ?? s.itemId;
    if (s.state === "done") tried.push(`Checklist: ${t} — done (${s.updatedBy ?? "?"})`);
    if (s.state === "skipped") tried.push(`Checklist: ${t} — skipped: ${s.reason ?? ""}`);
  }

  const waiting: CatchUp["waiting"] = [];
  for (const a of pendingActions(log)) {
    if (a.needsApproval && !a.approved) waiting.push({ what: `approval of ${a.title} (${a.summary})`, who: `an approver other than ${a.requestedBy}` });
    else waiting.push({ what: `execution of ${a.title} (${a.summary})`, who: a.requestedBy });
  }
  for (const s of Object.values(items)) {
    const t = itemTitles.get(s.itemId) ?? s.itemId;
    if (s.state === "assigned" || s.state === "started") waiting.push({ what: `checklist: ${t} (${s.state})`, who: s.assigneeName ?? "its assignee" });
    if (s.state === "blocked") waiting.push({ what: `checklist: ${t} is blocked: ${s.reason ?? ""}`, who: s.assigneeName ?? "the commander" });
  }
  if (!state.severity && state.status !== "closed") waiting.push({ what: proposal ? `a decision on the proposed ${proposal.level}` : "a severity", who: state.commander?.name ?? "a commander" });
  const schedule = updateSchedule(log, asOf);
  if (schedule.dueAt && state.status !== "closed") waiting.push({ what: `the next stakeholder update (${schedule.overdue ? "overdue since" : "due"} ${utcTime(schedule.dueAt)})`, who: state.commander?.name ?? "the commander" });
  if (!state.commander && state.status !== "closed") waiting.push({ what: "someone to take command", who: "a commander" });

  const last = schedule.latest;
  const lastUpdate = last ? { at: last.at, by: last.by, text: updateText(last.payload) } : null;
  const evidence = [...kept].sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
  return {
    asOf: new Date(asOf).toISOString(),
    headline: `${state.severity ?? "Severity not set"} · ${STATUS_LABELS[state.status]} · ${state.commander ? `commander ${state.commander.name}` : "no commander"} · open ${openFor} · ${state.participants.length} participant(s)`,
    moments,
    omittedMoments: all.length - moments.length,
    severity: {
      current: state.severity,
      decidedBy: lastSet?.by.name ?? null,
      rationale: lastSet?.rationale || null,
      proposed: proposal?.level ?? null,
      proposedReasons: proposal?.reasons.slice(0, 4).map((r) => r.text) ?? [],
      differs: Boolean(proposal && state.severity && proposal.level !== state.severity),
    },
    cause,
    impact: staleText(state, log),
    tried,
    waiting,
    owners: {
      impact: names(routing?.impact ?? []),
      diagnosis: names(routing?.diagnosis ?? []),
      action: `${names(routing?.action ?? [])} — asked: ${askText(state, log, routing)}`,
      side: routing ? ROUTING_SIDE_LABELS[routing.side] : null,
    },
    evidence,
    lastUpdate,
  };
}

function updateText(u: StakeholderUpdatePayload): string {
  return `Known: ${u.known} Impact: ${u.impact} Next: ${u.next}`;
}
