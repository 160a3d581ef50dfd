import { BRANCHES, leafById, type BranchId } from "@/lib/domain/diagnosis/tree";
import type { IncidentEntry } from "@/lib/domain/incidents/types";

/** Kind of the root-cause tree's mark entries (lib/domain/diagnosis-marks/types.ts TREE_MARK_KIND). */
export const TREE_MARK_KIND = "tree-mark";

export interface ConfirmedCause {
  leafId: string;
  title: string;
  branch: BranchId;
  branchTitle: string;
  symptom: string;
  note: string;
  by: string;
  at: string;
  seq: number;
}

function isMark(p: unknown): p is { leafId: string; mark: string; note?: string } {
  if (typeof p !== "object" || p === null) return false;
  const o = p as Record<string, unknown>;
  return typeof o.leafId === "string" && typeof o.mark === "string";
}

/**
 * Root causes from the tree: every leaf whose newest mark is "confirmed" (a later "ruled-out"
 * or "investigating" mark withdraws it), in the order they were confirmed. Unknown leaf ids
 * (a renamed tree) are kept with the id as title.
 */
export function confirmedCauses(entries: readonly IncidentEntry[]): ConfirmedCause[] {
  const latest = new Map<string, IncidentEntry>();
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (e.kind === TREE_MARK_KIND && isMark(e.payload)) latest.set(e.payload.leafId, e);
  }
  const out: ConfirmedCause[] = [];
  for (const e of latest.values()) {
    const p = e.payload as { leafId: string; mark: string; note?: string };
    if (p.mark !== "confirmed") continue;
    const leaf = leafById(p.leafId);
    const branch: BranchId = leaf?.branch ?? (BRANCHES.find((b) => p.leafId.startsWith(`${b.id}.`))?.id ?? "change");
    out.push({
      leafId: p.leafId,
      title: leaf?.title ?? p.leafId,
      branch,
      branchTitle: BRANCHES.find((b) => b.id === branch)?.title ?? branch,
      symptom: leaf?.symptom ?? "",
      note: p.note ?? "",
      by: e.author.name,
      at: e.createdAt,
      seq: e.seq,
    });
  }
  return out.sort((a, b) => a.seq - b.seq);
}
