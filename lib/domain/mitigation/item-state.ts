/**
 * Checklist item states are not stored: they are derived from the incident log's
 * `checklist-item-updated` entries, newest last. Pure.
 */
import { ENTRY_KINDS, type ChecklistItemUpdate, type ItemAction, type ItemState } from "./types";

export interface ItemStatus {
  itemId: string;
  state: ItemState;
  assigneeId: string | null;
  assigneeName: string | null;
  reason: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  /** seq of the newest entry for this item (its optimistic-concurrency version); 0 = never changed */
  version: number;
}

export interface LogEntryLike {
  seq: number;
  kind: string;
  createdAt: string;
  author: { name: string };
  payload: unknown;
}

const STATE_OF: Record<Exclude<ItemAction, "reopen">, ItemState> = { assign: "assigned", start: "started", done: "done", skip: "skipped", block: "blocked" };

/** null when the update is valid; else one line saying what is wrong. */
export function validateItemUpdate(u: Pick<ChecklistItemUpdate, "action" | "reason" | "assigneeId">): string | null {
  if ((u.action === "skip" || u.action === "block") && !(u.reason ?? "").trim()) {
    return u.action === "skip" ? "skipping an item needs a reason" : "blocking an item needs a reason (what it waits for)";
  }
  if (u.action === "assign" && !u.assigneeId) return "say whom to assign the item to";
  return null;
}

export const emptyStatus = (itemId: string): ItemStatus => ({ itemId, state: "open", assigneeId: null, assigneeName: null, reason: null, updatedBy: null, updatedAt: null, version: 0 });

export function deriveItemStatuses(entries: readonly LogEntryLike[]): Record<string, ItemStatus> {
  const out: Record<string, ItemStatus> = {};
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (e.kind !== ENTRY_KINDS.itemUpdated) continue;
    const u = e.payload as ChecklistItemUpdate;
    if (!u || typeof u.itemId !== "string") continue;
    const cur = out[u.itemId] ?? emptyStatus(u.itemId);
    const next: ItemStatus = { ...cur, updatedBy: e.author.name, updatedAt: e.createdAt, version: e.seq };
    if (u.action === "reopen") {
      next.state = "open";
      next.reason = null;
    } else {
      next.state = STATE_OF[u.action];
      next.reason = u.action === "skip" || u.action === "block" ? (u.reason ?? null) : null;
      if (u.action === "assign") {
        next.assigneeId = u.assigneeId ?? null;
        next.assigneeName = u.assigneeName ?? null;
      } else if (u.action === "start" && !cur.assigneeId) {
        // starting an unassigned item assigns it to whoever started it
        next.assigneeName = e.author.name;
      }
    }
    out[u.itemId] = next;
  }
  return out;
}
