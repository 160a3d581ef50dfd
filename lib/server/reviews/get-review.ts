import "server-only";
import { isDrillLog } from "@/lib/domain/metrics/facts";
import { buildReviewDocument, type ReviewDocument } from "@/lib/domain/review/document";
import { describeEntry, pinnedEntryIds } from "@/lib/domain/review/timeline";
import { db } from "@/lib/server/db";
import { getIncident } from "@/lib/server/incidents/get-incident";
import { loadWindowEvidence } from "./load-window-evidence";
import { toActionItem, toReviewRecord, type ReviewRecord } from "./mappers";

export interface ReviewView {
  review: ReviewRecord;
  document: ReviewDocument;
  /** participants' names, for the blameless hints on names */
  names: string[];
  /** log entries that can be pinned into the timeline excerpt (id, seq, text) */
  pinnable: { id: string; seq: number; kind: string; at: string; text: string; pinned: boolean }[];
}

/**
 * The review of an incident: a published one is its frozen snapshot (with live action-item
 * status); otherwise the document is assembled now from the log, the stored evidence of the
 * incident window and the written content. Throws NOT_FOUND for an unknown incident.
 */
export async function getReview(incidentId: string, now = Date.now()): Promise<ReviewView> {
  const detail = await getIncident(incidentId);
  const [row, items] = await Promise.all([
    db().review.findUnique({ where: { incidentId } }),
    db().actionItem.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } }),
  ]);
  const review = toReviewRecord(row);
  const actionItems = items.map(toActionItem);
  const pinned = pinnedEntryIds(detail.entries);
  const pinnable = detail.entries
    .filter((e) => ["annotation", "event", "evidence-captured", "key-time-set", "tree-mark", "correction", "role-changed"].includes(e.kind))
    .map((e) => ({ id: e.id, seq: e.seq, kind: e.kind, at: e.createdAt, text: describeEntry(e), pinned: pinned.has(e.id) }));
  const names = [...new Set(detail.state.participants.map((p) => p.name).concat(detail.entries.map((e) => e.author.name)).filter((n) => n !== "Ripcord"))];

  if (row?.state === "published" && row.snapshot) {
    const frozen = JSON.parse(row.snapshot) as ReviewDocument;
    return { review, document: { ...frozen, actionItems, state: "published", version: review.version }, names, pinnable };
  }
  const evidence = await loadWindowEvidence(incidentId, detail.state, now);
  const document = buildReviewDocument({ incidentId, entries: detail.entries, drill: isDrillLog(detail.entries), review, actionItems, evidence, now });
  return { review, document, names, pinnable };
}
