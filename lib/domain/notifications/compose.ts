/**
 * One notification message from the log (pure, deterministic): the event's own line, then what
 * each receiver the channel speaks for needs — the impact owner: what is stale and since when;
 * the diagnosis owner: where the evidence points; the action owner: what is asked of them; the
 * approvers: what waits for a second person and that signing in is the only way to decide.
 */
import type { SuggestedOwner } from "@/lib/domain/catalog/match";
import type { OwnerRole } from "@/lib/domain/catalog/types";
import { FRESHNESS_BREACH_KIND, type FreshnessBreachPayload } from "@/lib/domain/freshness/types";
import type { IncidentState } from "@/lib/domain/incidents/derive";
import { STATUS_LABELS, type IncidentEntry, type KnownPayloads } from "@/lib/domain/incidents/types";
import { formatDuration, utcClock } from "@/lib/domain/metrics/durations";
import { ENTRY_KINDS } from "@/lib/domain/mitigation/types";
import type { RoutingState } from "@/lib/domain/routing/derive";
import type { RoutingChangedPayload } from "@/lib/domain/routing/types";
import { AUDIENCE_LABELS, EVENT_LABELS, type Audience, type Need, type NotificationEvent, type NotificationMessage } from "./types";
import { updateSchedule, type StakeholderUpdatePayload, type UpdateDuePayload } from "./updates";

export interface ComposeInput {
  event: NotificationEvent;
  entry: IncidentEntry;
  /** the incident's log as known when composing (the entry included) */
  entries: readonly IncidentEntry[];
  state: IncidentState;
  routing: RoutingState | null;
  audiences: readonly Audience[];
  /** absolute URL of the incident page */
  incidentUrl: string;
}

/** "10:02:13 UTC" (same day as nothing else: messages are read while it happens). */
export function utcTime(iso: string | null | undefined): string {
  if (!iso) return "unknown";
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return "unknown";
  return `${utcClock(t)} UTC`;
}

const who = (owners: readonly SuggestedOwner[]) => owners.map((o) => `${o.name} (${o.contact})`).join(", ");

interface PendingAction {
  actionId: string;
  title: string;
  summary: string;
  needsApproval: boolean;
  approved: boolean;
  requestedBy: string;
  blastRadius: { level: string; why: string } | null;
}

/** Guarded actions requested and not yet decided or carried out, oldest first. */
export function pendingActions(entries: readonly IncidentEntry[]): PendingAction[] {
  const open = new Map<string, PendingAction>();
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    const p = e.payload as Record<string, unknown>;
    const id = typeof p.actionId === "string" ? p.actionId : null;
    if (!id) continue;
    if (e.kind === ENTRY_KINDS.actionRequested) {
      const blast = p.blastRadius as { level?: string; why?: string } | undefined;
      open.set(id, {
        actionId: id,
        title: String(p.title ?? "guarded action"),
        summary: String(p.summary ?? ""),
        needsApproval: p.needsApproval === true,
        approved: false,
        requestedBy: String((p.requestedBy as { name?: string } | undefined)?.name ?? e.author.name),
        blastRadius: blast?.level ? { level: blast.level, why: String(blast.why ?? "") } : null,
      });
    } else if (e.kind === ENTRY_KINDS.actionApproved) {
      const a = open.get(id);
      if (a) a.approved = true;
    } else if ([ENTRY_KINDS.actionRejected, ENTRY_KINDS.actionExecuted, ENTRY_KINDS.actionFailed, ENTRY_KINDS.actionRolledBack, "action-refused"].includes(e.kind)) {
      open.delete(id);
    }
  }
  return [...open.values()];
}

function latestBreach(entries: readonly IncidentEntry[]): FreshnessBreachPayload | null {
  const found = [...entries].sort((a, b) => b.seq - a.seq).find((e) => e.kind === FRESHNESS_BREACH_KIND);
  return found ? (found.payload as FreshnessBreachPayload) : null;
}

/** The impact owner's need: what is stale, and since when. */
export function staleText(state: IncidentState, entries: readonly IncidentEntry[]): string {
  const breach = latestBreach(entries);
  if (breach) {
    const lag = breach.evidence.maxTimeLagSeconds;
    const slo = breach.freshnessSloSeconds !== null ? ` (freshness SLO ${formatDuration(breach.freshnessSloSeconds)})` : "";
    return `Data from ${breach.topics.join(", ") || "its topics"} read by ${breach.group} (${breach.service}) is stale since ${utcTime(breach.breachStartedAt)}: ${lag !== null ? `${formatDuration(lag)} behind` : "behind"}${slo}, ${breach.evidence.totalLag.toLocaleString("en-US")} records waiting.`;
  }
  const scope = [...state.scope.groups, ...state.scope.topics].join(", ") || "the incident's scope";
  return state.keyTimes.impactStart
    ? `${scope}: impact since ${utcTime(state.keyTimes.impactStart)}; how stale the data is now is on the incident page.`
    : `${scope}: when the impact started is not known yet.`;
}

/** The action owner's need: what is asked of them now. */
export function askText(state: IncidentState, entries: readonly IncidentEntry[], routing: RoutingState | null): string {
  const asks: string[] = [];
  for (const a of pendingActions(entries)) {
    if (a.needsApproval && !a.approved) asks.push(`${a.title} (${a.summary}) requested by ${a.requestedBy} waits for a second person's approval`);
    else asks.push(`${a.title} (${a.summary}) is ${a.approved ? "approved and " : ""}ready to execute`);
  }
  const schedule = updateSchedule(entries, Number.POSITIVE_INFINITY);
  if (schedule.latest?.payload.next) asks.push(`next step: ${schedule.latest.payload.next}`);
  if (asks.length) return `${asks.map((a) => a.replace(/[.\s]+$/, "")).join("; ")}.`;
  const runbook = routing?.runbooks[0]?.url;
  return state.status === "review" || state.status === "closed"
    ? "Nothing: the incident is resolved."
    : `Nothing asked yet: stand by${runbook ? ` and read the runbook ${runbook}` : ""}; the commander will ask here.`;
}

function diagnosisText(state: IncidentState, routing: RoutingState | null): string {
  const last = routing?.history[routing.history.length - 1];
  if (last?.cause) return `Leading cause: ${last.cause.title}${last.cause.reasons.length ? ` — ${last.cause.reasons.slice(0, 2).join("; ")}` : ""}.`;
  const reasons = state.latestProposal?.payload.reasons.slice(0, 2).map((r) => r.text) ?? [];
  return reasons.length ? `Evidence so far: ${reasons.join("; ")}.` : "The root-cause tree on the incident page ranks the causes from live evidence.";
}

function summaryOf(event: NotificationEvent, entry: IncidentEntry, state: IncidentState): string {
  const by = entry.author.name;
  const p = entry.payload as Record<string, unknown>;
  switch (event) {
    case "incident-opened": {
      const o = p as KnownPayloads["incident-opened"];
      return `${by} opened it${o.summary ? `: ${o.summary}` : "."}`;
    }
    case "severity-proposed": {
      const s = p as KnownPayloads["severity-proposed"];
      return `Ripcord proposes ${s.level}: ${s.reasons.slice(0, 3).map((r) => r.text).join("; ") || "no reasons given"}.`;
    }
    case "severity-accepted":
    case "severity-overridden": {
      const s = p as KnownPayloads["severity-set"];
      return `${by} set ${s.level}${s.decision === "overridden" ? ` over the proposed ${s.proposedLevel ?? "none"}` : " (the proposal)"}${s.rationale ? `: ${s.rationale}` : "."}`;
    }
    case "status-changed":
    case "resolved": {
      const s = p as KnownPayloads["status-changed"];
      const mttr = event === "resolved" && state.metrics.mttrSeconds !== null ? ` Time to resolve: ${formatDuration(state.metrics.mttrSeconds)}.` : "";
      return `${by}: ${STATUS_LABELS[s.from] ?? s.from} → ${STATUS_LABELS[s.to] ?? s.to}${s.note ? ` (${s.note})` : ""}.${mttr}`;
    }
    case "approval-waiting":
      return `${by} asks to ${String(p.title ?? "run a guarded action").toLowerCase()}: ${String(p.summary ?? "")}.`;
    case "verification-passed": {
      const checks = (p.checks as { title?: string; current?: string }[] | undefined) ?? [];
      return `Recovery verified by ${by}: ${checks.map((c) => `${c.title} (${c.current})`).join("; ") || "all checks pass"}.`;
    }
    case "review-published":
      return `${by} published the post-incident review.`;
    case "stakeholder-update": {
      const u = p as unknown as StakeholderUpdatePayload;
      return `What we know: ${u.known} Impact: ${u.impact} Next: ${u.next} Next update: ${u.nextUpdateAt ? utcTime(u.nextUpdateAt) : "none promised"}.`;
    }
    case "update-due": {
      const d = p as unknown as UpdateDuePayload;
      return `The next stakeholder update was due at ${utcTime(d.dueAt)} and has not been posted.`;
    }
    case "routing-changed":
      return (p as unknown as RoutingChangedPayload).summary;
  }
}

function needFor(audience: Audience, input: ComposeInput): Need {
  const { state, entries, routing, event, entry } = input;
  const owners = (role: OwnerRole) => (routing ? who(routing[role]) : "");
  const label = AUDIENCE_LABELS[audience];
  switch (audience) {
    case "impact":
      return { audience, who: owners("impact") || label, text: event === "resolved" ? `Resolved. ${staleText(state, entries)}` : staleText(state, entries) };
    case "diagnosis":
      return {
        audience,
        who: owners("diagnosis") || label,
        text: event === "routing-changed" ? `You now own the diagnosis. ${diagnosisText(state, routing)}` : diagnosisText(state, routing),
      };
    case "action":
      return { audience, who: owners("action") || label, text: `${event === "routing-changed" ? "You now own the action (and its rollback). " : ""}${askText(state, entries, routing)}` };
    case "approvers": {
      const p = entry.payload as Record<string, unknown>;
      const blast = p.blastRadius as { level?: string; why?: string } | undefined;
      return {
        audience,
        who: label,
        text: `Someone other than ${entry.author.name} must approve or reject ${String(p.title ?? "the action")}: ${String(p.summary ?? "")}. Blast radius ${blast?.level ?? "unknown"}${blast?.why ? ` (${blast.why})` : ""}. Sign in to Ripcord and decide on the incident's Mitigation tab: ${input.incidentUrl}?tab=mitigation`,
      };
    }
    case "room":
      return { audience, who: label, text: `${state.severity ?? "Severity not set"} · ${STATUS_LABELS[state.status]} · commander ${state.commander?.name ?? "none yet"}.` };
  }
}

export function composeMessage(input: ComposeInput): NotificationMessage {
  const { event, entry, state, routing } = input;
  const p = entry.payload as Record<string, unknown>;
  const label = EVENT_LABELS[event];
  const approval =
    event === "approval-waiting"
      ? {
          actionId: String(p.actionId ?? ""),
          title: String(p.title ?? ""),
          summary: String(p.summary ?? ""),
          blastRadius: `${(p.blastRadius as { level?: string } | undefined)?.level ?? "unknown"}`,
          requestedBy: entry.author.name,
          howToDecide: "Sign in to Ripcord and approve or reject on the incident's Mitigation tab. This message cannot approve anything.",
        }
      : null;
  return {
    event,
    eventLabel: label,
    incident: {
      id: entry.incidentId,
      title: state.title,
      url: input.incidentUrl,
      cluster: state.cluster,
      status: state.status,
      severity: state.severity,
      scope: state.scope,
      impactStartedAt: state.keyTimes.impactStart ?? null,
    },
    headline: `${state.severity ?? "SEV?"} · ${label}: ${state.title}`,
    summary: summaryOf(event, entry, state),
    needs: input.audiences.map((a) => needFor(a, input)),
    owners: {
      impact: routing?.impact.map((o) => `${o.name} (${o.contact})`) ?? [],
      diagnosis: routing?.diagnosis.map((o) => `${o.name} (${o.contact})`) ?? [],
      action: routing?.action.map((o) => `${o.name} (${o.contact})`) ?? [],
    },
    runbooks: routing?.runbooks.map((r) => r.url) ?? [],
    entry: { seq: entry.seq, kind: entry.kind, at: entry.createdAt, by: entry.author.name },
    approval,
  };
}
