/** Each node's current mark: the newest tree-mark entry for it, with who and when, plus its history. */
import type { EntryAuthor, IncidentEntry } from "@/lib/domain/incidents/types";
import { TREE_MARK_KIND, TREE_MARKS, type TreeMark, type TreeMarkPayload } from "./types";

export interface MarkRecord {
  mark: TreeMark;
  note: string;
  by: EntryAuthor;
  /** ISO-8601 */
  at: string;
  seq: number;
  entryId: string;
}

export interface NodeMarks {
  /** the newest mark */
  current: MarkRecord;
  /** every mark of this node, oldest first */
  history: MarkRecord[];
}

export function isTreeMarkPayload(p: unknown): p is TreeMarkPayload {
  if (typeof p !== "object" || p === null) return false;
  const o = p as Record<string, unknown>;
  return typeof o.leafId === "string" && typeof o.note === "string" && (TREE_MARKS as readonly unknown[]).includes(o.mark);
}

/** leafId → its marks. Entries may arrive in any order (live stream + refetch); seq decides. */
export function reduceMarks(entries: readonly IncidentEntry[]): Map<string, NodeMarks> {
  const marks = entries
    .filter((e) => e.kind === TREE_MARK_KIND && isTreeMarkPayload(e.payload))
    .sort((a, b) => a.seq - b.seq);
  const out = new Map<string, NodeMarks>();
  const seen = new Set<number>();
  for (const e of marks) {
    if (seen.has(e.seq)) continue;
    seen.add(e.seq);
    const p = e.payload as TreeMarkPayload;
    const record: MarkRecord = { mark: p.mark, note: p.note, by: e.author, at: e.createdAt, seq: e.seq, entryId: e.id };
    const prev = out.get(p.leafId);
    out.set(p.leafId, { current: record, history: [...(prev?.history ?? []), record] });
  }
  return out;
}
