/**
 * The post-incident review (seed 003: blameless, five whys, contributing factors; seed 000:
 * which control loop failed, preventive controls). `ReviewContent` is what people write; the
 * rest of the document (impact numbers, timeline excerpt, root cause, MTTx) is derived from the
 * incident's log and stored evidence (document.ts), and frozen into a snapshot on publishing.
 */

export const REVIEW_STATES = ["draft", "in-review", "published"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  draft: "Draft",
  "in-review": "In review",
  published: "Published",
};

/** draft ⇄ in review → published; a published review is final (read-only). */
export const REVIEW_TRANSITIONS: Record<ReviewState, readonly ReviewState[]> = {
  draft: ["in-review"],
  "in-review": ["draft", "published"],
  published: [],
};

export function canTransitionReview(from: ReviewState, to: ReviewState): boolean {
  return REVIEW_TRANSITIONS[from].includes(to);
}

export function isEditableState(state: ReviewState): boolean {
  return state !== "published";
}

export const FACTOR_CATEGORIES = ["technical", "process", "organizational"] as const;
export type FactorCategory = (typeof FACTOR_CATEGORIES)[number];
export const FACTOR_LABELS: Record<FactorCategory, string> = { technical: "Technical", process: "Process", organizational: "Organizational" };

/** Seed 000: "which control loop failed". */
export const CONTROL_LOOPS = [
  "capacity-planning",
  "traffic-governance",
  "schema-compatibility",
  "deployment-safety",
  "storage-headroom",
  "partition-strategy",
  "downstream-backpressure",
  "architecture-fit",
] as const;
export type ControlLoop = (typeof CONTROL_LOOPS)[number];
export const CONTROL_LOOP_LABELS: Record<ControlLoop, string> = {
  "capacity-planning": "Capacity planning",
  "traffic-governance": "Traffic governance",
  "schema-compatibility": "Schema compatibility",
  "deployment-safety": "Deployment safety",
  "storage-headroom": "Storage headroom",
  "partition-strategy": "Partition strategy",
  "downstream-backpressure": "Downstream backpressure",
  "architecture-fit": "Architecture fit",
};

export const ACTION_TYPES = ["detect", "prevent", "mitigate"] as const;
export type ActionType = (typeof ACTION_TYPES)[number];
export const ACTION_TYPE_LABELS: Record<ActionType, string> = { detect: "Detect", prevent: "Prevent", mitigate: "Mitigate" };

export const ACTION_STATUSES = ["open", "in-progress", "done", "wont-do"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = { open: "Open", "in-progress": "In progress", done: "Done", "wont-do": "Won't do" };
export const isOpenAction = (status: ActionStatus) => status === "open" || status === "in-progress";

/** Seed 000's preventive controls, offered as starting points for action items. */
export const PREVENTIVE_CONTROLS = [
  { id: "freshness-slo", title: "Freshness SLOs per stream", type: "detect", loops: ["capacity-planning", "downstream-backpressure"], description: "Define and alert on a freshness objective (time lag) for each critical stream, not only on record lag." },
  { id: "backpressure-contract", title: "Producer-to-sink backpressure contracts", type: "prevent", loops: ["downstream-backpressure", "traffic-governance"], description: "Agree how fast each sink can write and how producers slow down when it cannot keep up." },
  { id: "schema-gate", title: "Schema gates", type: "prevent", loops: ["schema-compatibility", "deployment-safety"], description: "Block incompatible schema changes in CI and at the registry before they reach consumers." },
  { id: "replay-drill", title: "Replay drills", type: "mitigate", loops: ["architecture-fit", "downstream-backpressure"], description: "Rehearse backlog replay with sink throttling: valid offsets, idempotent output, duplicate checks." },
  { id: "failure-drill", title: "Broker and storage failure drills", type: "mitigate", loops: ["storage-headroom", "architecture-fit", "capacity-planning"], description: "Stop a broker and fill a disk on purpose under load; time the recovery against the runbook." },
  { id: "cost-anomaly-alert", title: "Cost anomaly alerts", type: "detect", loops: ["architecture-fit", "traffic-governance"], description: "Alert on cross-AZ, replay or duplicate-pipeline cost spikes that outlive the reliability page." },
] as const satisfies readonly { id: string; title: string; type: ActionType; loops: readonly ControlLoop[]; description: string }[];
export type PreventiveControlId = (typeof PREVENTIVE_CONTROLS)[number]["id"];

export interface ContributingFactor {
  category: FactorCategory;
  text: string;
}

export interface FiveWhy {
  question: string;
  answer: string;
}

/** What people write. Every field may be empty in a draft. */
export interface ReviewContent {
  summary: string;
  /** free text about impact beyond the measured numbers (customers, reports, money) */
  impactNotes: string;
  /** optional override/elaboration of the confirmed root cause */
  rootCauseNotes: string;
  contributingFactors: ContributingFactor[];
  fiveWhys: FiveWhy[];
  controlLoops: ControlLoop[];
  controlLoopNotes: string;
  wentWell: string[];
  wentBadly: string[];
}

export function emptyContent(): ReviewContent {
  return { summary: "", impactNotes: "", rootCauseNotes: "", contributingFactors: [], fiveWhys: [], controlLoops: [], controlLoopNotes: "", wentWell: [], wentBadly: [] };
}

export interface ActionItem {
  id: string;
  incidentId: string;
  title: string;
  type: ActionType;
  owner: string;
  /** yyyy-mm-dd, or null when no date was agreed */
  dueDate: string | null;
  status: ActionStatus;
  /** the seed 000 preventive control it started from, if any */
  control: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Open and past its due date (due dates are whole days: overdue from the day after). */
export function isOverdue(item: Pick<ActionItem, "status" | "dueDate">, now: number): boolean {
  if (!isOpenAction(item.status) || !item.dueDate) return false;
  const endOfDue = Date.parse(`${item.dueDate}T23:59:59.999Z`);
  return Number.isFinite(endOfDue) && now > endOfDue;
}
