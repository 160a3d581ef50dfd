/**
 * When the diagnosis changes branch, the diagnosis and action owners follow (pure). Two
 * triggers: a commander confirms a cause in the tree (at once), or the evidence's leading cause
 * sits on another side for `EVIDENCE_CONFIRMATIONS` evaluations in a row (so one noisy sample
 * does not bounce the page between teams).
 */
import type { SuggestedOwner } from "@/lib/domain/catalog/match";
import { leafById } from "@/lib/domain/diagnosis/tree";
import type { RoutingState } from "./derive";
import type { SideOwners } from "./owners";
import { ROUTING_SIDE_LABELS, SIDE_OF_BRANCH, type RoutingCause, type RoutingChangedPayload, type RoutingSide } from "./types";

/** Consecutive evaluations the evidence's leading cause must stay on a new side before the routing follows. */
export const EVIDENCE_CONFIRMATIONS = 2;

export function sideOfLeaf(leafId: string): RoutingSide | null {
  const leaf = leafById(leafId);
  return leaf ? SIDE_OF_BRANCH[leaf.branch] : null;
}

export function causeOf(leafId: string, score: number | null, reasons: readonly string[]): RoutingCause | null {
  const leaf = leafById(leafId);
  return leaf ? { leafId, title: leaf.title, branch: leaf.branch, score, reasons: [...reasons] } : null;
}

/** The side the evidence points to, once its leading causes (newest last) agree `EVIDENCE_CONFIRMATIONS` times in a row; else null. */
export function settledSide(leaders: readonly (string | null)[], confirmations = EVIDENCE_CONFIRMATIONS): RoutingSide | null {
  if (leaders.length < confirmations) return null;
  const recent = leaders.slice(-confirmations).map((id) => (id ? sideOfLeaf(id) : null));
  const first = recent[0];
  return first && recent.every((s) => s === first) ? first : null;
}

const names = (owners: readonly SuggestedOwner[]) => owners.map((o) => o.name).join(", ") || "nobody known";

/** The "routing-changed" payload when `cause` moves the routing to another side; null when it stays. */
export function routingChange(state: RoutingState, cause: RoutingCause, trigger: RoutingChangedPayload["trigger"], owners: SideOwners): RoutingChangedPayload | null {
  const to = SIDE_OF_BRANCH[cause.branch];
  if (to === state.side) return null;
  const why = trigger === "confirmed" ? `a commander confirmed ${cause.title}` : `the leading cause is now ${cause.title}${cause.score !== null ? ` (score ${cause.score.toFixed(2)})` : ""}`;
  return {
    from: state.side,
    to,
    cause,
    trigger,
    diagnosis: owners.diagnosis,
    action: owners.action,
    previous: { diagnosis: state.diagnosis, action: state.action },
    runbooks: owners.runbooks,
    summary: `Diagnosis and action move from the ${ROUTING_SIDE_LABELS[state.side]} (${names(state.diagnosis)}) to the ${ROUTING_SIDE_LABELS[to]} (${names(owners.diagnosis)}): ${why}`,
    warnings: owners.warnings,
  };
}
