/**
 * Which log entries are announced, as which event, and to whom (pure). `earlier` is the log
 * before the entry (for "only when it changed": a re-evaluation proposing the same level, or a
 * second passing verification, is not news).
 */
import type { OwnerRole } from "@/lib/domain/catalog/types";
import type { IncidentEntry, KnownPayloads } from "@/lib/domain/incidents/types";
import { ENTRY_KINDS } from "@/lib/domain/mitigation/types";
import { ROUTING_CHANGED_KIND } from "@/lib/domain/routing/types";
import type { NotificationEvent } from "./types";
import { STAKEHOLDER_UPDATE_KIND, UPDATE_DUE_KIND } from "./updates";

const ALL: readonly OwnerRole[] = ["impact", "diagnosis", "action"];

/** The owner roles each event is for. The incident room (default channel) gets every event but approvals; approvals go to the approvers. */
export const EVENT_ROLES: Record<NotificationEvent, readonly OwnerRole[]> = {
  "incident-opened": ALL,
  "severity-proposed": ALL,
  "severity-accepted": ALL,
  "severity-overridden": ALL,
  "status-changed": ALL,
  "approval-waiting": [],
  "verification-passed": ["impact", "action"],
  resolved: ALL,
  "review-published": ALL,
  "stakeholder-update": ALL,
  "update-due": [],
  /** the new owners take over; the impact owner learns who that is now */
  "routing-changed": ALL,
};

export function notificationEventOf(entry: IncidentEntry, earlier: readonly IncidentEntry[]): NotificationEvent | null {
  const p = entry.payload as Record<string, unknown>;
  switch (entry.kind) {
    case "incident-opened":
      return "incident-opened";
    case "severity-proposed": {
      const previous = [...earlier].reverse().find((e) => e.kind === "severity-proposed");
      return previous && (previous.payload as KnownPayloads["severity-proposed"]).level === (p as KnownPayloads["severity-proposed"]).level ? null : "severity-proposed";
    }
    case "severity-set":
      return (p as KnownPayloads["severity-set"]).decision === "accepted" ? "severity-accepted" : "severity-overridden";
    case "status-changed":
      return (p as KnownPayloads["status-changed"]).to === "review" ? "resolved" : "status-changed";
    case ENTRY_KINDS.actionRequested:
      return p.needsApproval === true ? "approval-waiting" : null;
    case ENTRY_KINDS.recoveryVerified: {
      if (p.ready !== true) return null;
      const previous = [...earlier].reverse().find((e) => e.kind === ENTRY_KINDS.recoveryVerified);
      return previous && (previous.payload as { ready?: boolean }).ready === true ? null : "verification-passed";
    }
    case "review-state-changed":
      return p.to === "published" ? "review-published" : null;
    case STAKEHOLDER_UPDATE_KIND:
      return "stakeholder-update";
    case UPDATE_DUE_KIND:
      return "update-due";
    case ROUTING_CHANGED_KIND:
      return "routing-changed";
    default:
      return null;
  }
}
