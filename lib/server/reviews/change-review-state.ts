import "server-only";
import { canTransitionReview, emptyContent, REVIEW_STATE_LABELS, type ReviewState } from "@/lib/domain/review/types";
import type { ReviewStateBody } from "@/lib/schemas/reviews";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/http/errors";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { authorOf } from "@/lib/server/incidents/mappers";
import { getReview } from "./get-review";
import { refuseIfPublished, requireIncident, reviewRow, staleVersion } from "./guards";
import { toReviewRecord, type ReviewRecord } from "./mappers";

/** Incident statuses in which a review may be published: the impact is over. */
const PUBLISHABLE = new Set(["review", "closed"]);

/**
 * draft → in review → published (in review → draft sends it back). Publishing freezes the whole
 * document (timeline excerpt, root cause, impact, charts) into a snapshot and makes the review
 * read-only; it needs the incident resolved. Each change is also an incident-log entry.
 */
export async function changeReviewState(incidentId: string, body: ReviewStateBody, principal: Principal): Promise<ReviewRecord> {
  await requireIncident(incidentId);
  const current = await reviewRow(incidentId);
  refuseIfPublished(current);
  const from: ReviewState = (current?.state as ReviewState | undefined) ?? "draft";
  const version = current?.version ?? 0;
  if (version !== body.version) throw staleVersion("the review", version, body.version);
  if (!canTransitionReview(from, body.to)) {
    throw new AppError("UNPROCESSABLE", `a review cannot go from ${REVIEW_STATE_LABELS[from]} to ${REVIEW_STATE_LABELS[body.to]}`, { extra: { from, to: body.to } });
  }
  if (!current) {
    await db().review.create({ data: { incidentId, content: JSON.stringify(emptyContent()), state: body.to, version: 1, updatedBy: principal.name } });
    await appendEntry({ incidentId, kind: "review-state-changed", item: "review", author: authorOf(principal), payload: { from, to: body.to, version: 1 } });
    return toReviewRecord(await reviewRow(incidentId));
  }
  let snapshot: string | null = null;
  const now = new Date();
  if (body.to === "published") {
    const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId }, select: { status: true } });
    if (!PUBLISHABLE.has(incident.status)) {
      throw new AppError("UNPROCESSABLE", `publish the review once the incident is resolved (it is in ${incident.status})`, { extra: { incidentStatus: incident.status } });
    }
    const view = await getReview(incidentId, now.getTime());
    snapshot = JSON.stringify({ ...view.document, state: "published", publishedAt: now.toISOString(), publishedBy: principal.name, version: version + 1 });
  }
  const updated = await db().review.updateMany({
    where: { incidentId, version, state: from },
    data: {
      state: body.to,
      version: { increment: 1 },
      updatedBy: principal.name,
      ...(body.to === "published" ? { snapshot, publishedAt: now, publishedBy: principal.name } : {}),
    },
  });
  if (updated.count === 0) {
    const now = await reviewRow(incidentId);
    refuseIfPublished(now);
    throw staleVersion("the review", now?.version ?? 0, body.version);
  }
  await appendEntry({ incidentId, kind: "review-state-changed", item: "review", author: authorOf(principal), payload: { from, to: body.to, version: version + 1 } });
  return toReviewRecord(await reviewRow(incidentId));
}
