/**
 * Seed 002's stop conditions, applied to a guarded action at the moment it would run: the
 * checklist evaluates them on live evidence, and an action is refused while one holds. Pure.
 */
import type { ActionKind, ChecklistItem } from "./types";

export interface HoldingStop {
  itemId: string;
  itemTitle: string;
  condition: string;
  current: string;
}

/**
 * The stop preconditions that fail for this action: those of the checklist items that launch it,
 * and, for an offset reset (a restart/replay step), those of the whole restart runbook (records
 * already deleted, retention shorter than the replay needs, a degraded cluster). Consume-rate
 * forecasts are left out: the group is necessarily stopped when its offsets change.
 */
export function holdingStops(items: readonly ChecklistItem[], kind: ActionKind): HoldingStop[] {
  const relevant = items.filter((item) => item.action === kind || (kind === "reset-offsets" && item.section === "runbook"));
  const out: HoldingStop[] = [];
  for (const item of relevant) {
    for (const p of item.preconditions) {
      if (p.stop && p.status === "fail" && !p.forecast && !out.some((s) => s.condition === p.label && s.current === p.current)) out.push({ itemId: item.id, itemTitle: item.title, condition: p.label, current: p.current });
    }
  }
  return out;
}
