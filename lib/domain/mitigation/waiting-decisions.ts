import { ACTION_LABELS, type ActionStatus } from "./actions";
import type { ActionKind } from "./types";

/** The part of a guarded action the waiting banner needs (lib/schemas/mitigation.ts GuardedActionView). */
export interface ActionForDecision {
  id: string;
  kind: ActionKind;
  status: ActionStatus;
  needsApproval: boolean;
  dryRun: unknown;
  requestedBy: { id: string; name: string; accountableId: string | null };
  rollbackRequest: { by: { id: string; name: string }; accountableId: string | null; at: string } | null;
  createdAt: string;
}

export interface WaitingDecision {
  actionId: string;
  /** what is waiting: a guarded action's approval, or the approval of its rollback */
  what: "approval" | "rollback-approval";
  /** "Change topic retention — orders retention.ms 1 d → 7 d" */
  title: string;
  requestedBy: string;
  since: string;
  /** the viewer asked for it: someone else must decide (separation of duties) */
  mine: boolean;
}

/**
 * What is waiting for a second person on this incident, oldest first: guarded actions requested
 * and not yet approved or rejected, rollbacks requested and not yet decided. Pure; the incident
 * page shows it to everyone on the incident, whatever tab they have open.
 */
export function waitingDecisions(actions: readonly ActionForDecision[], viewerId: string | null): WaitingDecision[] {
  const out: WaitingDecision[] = [];
  for (const a of actions) {
    const summary = typeof (a.dryRun as { summary?: unknown } | null)?.summary === "string" ? (a.dryRun as { summary: string }).summary : null;
    const title = summary ? `${ACTION_LABELS[a.kind]} — ${summary}` : ACTION_LABELS[a.kind];
    if (a.status === "requested" && a.needsApproval) {
      out.push({ actionId: a.id, what: "approval", title, requestedBy: a.requestedBy.name, since: a.createdAt, mine: viewerId !== null && (viewerId === a.requestedBy.id || viewerId === a.requestedBy.accountableId) });
    } else if (a.status === "rollback-requested" && a.rollbackRequest) {
      const r = a.rollbackRequest;
      out.push({ actionId: a.id, what: "rollback-approval", title, requestedBy: r.by.name, since: r.at, mine: viewerId !== null && (viewerId === r.by.id || viewerId === r.accountableId) });
    }
  }
  return out.sort((x, y) => x.since.localeCompare(y.since));
}
