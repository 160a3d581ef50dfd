/**
 * Notifications (issue 17): incident-log entries that matter outside the browser, announced on
 * webhook channels — Slack-compatible incoming webhooks or Ripcord's JSON — with what each
 * receiver needs (seed 004: the impact owner, what is stale and since when; the action owner,
 * what is asked of them). Messages link to the incident; nothing in one can approve, change or
 * acknowledge anything: a person signs in for that (automation stops where judgement begins).
 */
import type { OwnerRole } from "@/lib/domain/catalog/types";

export const CHANNEL_FORMATS = ["slack", "json"] as const;
export type ChannelFormat = (typeof CHANNEL_FORMATS)[number];

export const NOTIFICATION_EVENTS = [
  "incident-opened",
  "severity-proposed",
  "severity-accepted",
  "severity-overridden",
  "status-changed",
  "approval-waiting",
  "verification-passed",
  "resolved",
  "review-published",
  "stakeholder-update",
  "update-due",
  "routing-changed",
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const EVENT_LABELS: Record<NotificationEvent, string> = {
  "incident-opened": "Incident opened",
  "severity-proposed": "Severity proposed",
  "severity-accepted": "Severity accepted",
  "severity-overridden": "Severity set (overriding the proposal)",
  "status-changed": "Status changed",
  "approval-waiting": "Guarded action waiting for approval",
  "verification-passed": "Recovery verification passed",
  resolved: "Incident resolved",
  "review-published": "Post-incident review published",
  "stakeholder-update": "Stakeholder update",
  "update-due": "Stakeholder update due",
  "routing-changed": "Routing changed",
};

/** Whom a channel speaks for in one message: owner roles (seed 004), the approvers, or the incident room (everything). */
export type Audience = OwnerRole | "approvers" | "room";

export const AUDIENCE_LABELS: Record<Audience, string> = {
  impact: "Impact owner",
  diagnosis: "Diagnosis owner",
  action: "Action owner",
  approvers: "Approvers",
  room: "Incident room",
};

export const DELIVERY_STATUSES = ["queued", "sending", "delivered", "retrying", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What one receiver is told it needs to know or do. */
export interface Need {
  audience: Audience;
  /** who that is, "Payments (slack:#payments-oncall)" */
  who: string;
  text: string;
}

/** One message, before it is shaped for a channel's format (format.ts). */
export interface NotificationMessage {
  event: NotificationEvent;
  eventLabel: string;
  incident: {
    id: string;
    title: string;
    url: string;
    cluster: string;
    status: string;
    severity: string | null;
    scope: { topics: string[]; groups: string[]; services: string[] };
    impactStartedAt: string | null;
  };
  /** one line: "SEV2 · Freshness: orders-sink 47 s behind (SLO 20 s)" */
  headline: string;
  /** what this entry says happened */
  summary: string;
  needs: Need[];
  owners: Record<OwnerRole, string[]>;
  runbooks: string[];
  /** the log entry announced */
  entry: { seq: number; kind: string; at: string; by: string };
  /** only for approval-waiting: what waits, and the one way to decide (signing in) */
  approval: { actionId: string; title: string; summary: string; blastRadius: string; requestedBy: string; howToDecide: string } | null;
}
