/**
 * The mitigation vocabulary (issue 6): checklist items with preconditions evaluated against
 * live evidence, their states derived from the incident log, guarded Kafka actions with a dry
 * run, blast radius and rollback recipe, and the verification checks before resolve.
 */
import type { MitigationId } from "@/lib/domain/diagnosis/tree";

export type BlastLevel = "low" | "medium" | "high";

export interface BlastRadius {
  level: BlastLevel;
  /** one line: what can go wrong beyond the intended effect */
  why: string;
}

/** pass: holds; fail: does not hold; warn: holds with a caveat; unknown: evidence cannot tell (ask a human). */
export type PreconditionStatus = "pass" | "fail" | "warn" | "unknown";

export interface Precondition {
  id: string;
  /** what must be true, as a question or statement */
  label: string;
  status: PreconditionStatus;
  /** the live values behind the status ("12 partitions, 4 active consumers: scaling helps up to 12") */
  current: string;
  /** a failing stop precondition means "stop and escalate" (seed 002 stop conditions) */
  stop: boolean;
  /**
   * The status is a forecast from the group's consume rate (will the backlog drain before it
   * expires?). An offset change runs only while the group is stopped, when every such forecast
   * reads "not draining", so execution re-checks the stop conditions that are facts, not this one.
   */
  forecast?: boolean;
}

export type ChecklistSection = "control" | "runbook" | "cause";

export type ActionKind = "reset-offsets" | "change-retention" | "add-partitions";

export interface CauseInput {
  leafId: string;
  score: number;
  /** confirmed by a person (the tree's confirm), not only ranked by the checks */
  confirmed: boolean;
}

export interface ChecklistItem {
  /** stable id: the concurrency key of its log entries is `checklist:<id>` */
  id: string;
  section: ChecklistSection;
  title: string;
  /** why it is on the list: the causes that brought it in */
  why: string;
  causes: string[];
  mitigations: MitigationId[];
  preconditions: Precondition[];
  blastRadius: BlastRadius;
  /** seed 000: retention, offsets, moving partitions… need a human to confirm */
  needsHumanConfirmation: boolean;
  /** wrong-approach warnings (seed 001) for the causes at hand */
  warnings: string[];
  /** seed 002 stop conditions that apply to this step */
  stopConditions: string[];
  /** the guarded action this item can launch from the dashboard */
  action: ActionKind | null;
  /** stop: a stop precondition fails; check: something is unknown or failing; go: all hold */
  verdict: "go" | "check" | "stop";
}

export const ITEM_STATES = ["open", "assigned", "started", "done", "skipped", "blocked"] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const ITEM_ACTIONS = ["assign", "start", "done", "skip", "block", "reopen"] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/** Payload of a `checklist-item-updated` log entry. */
export interface ChecklistItemUpdate {
  itemId: string;
  action: ItemAction;
  assigneeId?: string | null;
  assigneeName?: string | null;
  /** required for skip and block */
  reason?: string | null;
  title?: string;
}

export const ENTRY_KINDS = {
  itemUpdated: "checklist-item-updated",
  actionRequested: "action-requested",
  actionApproved: "action-approved",
  actionRejected: "action-rejected",
  actionExecuted: "action-executed",
  actionFailed: "action-failed",
  actionRolledBack: "action-rolled-back",
  actionRefused: "action-refused",
  actionApprovalExpired: "action-approval-expired",
  rollbackRequested: "action-rollback-requested",
  rollbackApproved: "action-rollback-approved",
  rollbackRejected: "action-rollback-rejected",
  recoveryVerified: "recovery-verified",
} as const;
