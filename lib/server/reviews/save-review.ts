import "server-only";
import type { SaveReviewBody } from "@/lib/schemas/reviews";
import type { Principal } from "@/lib/server/auth/identify";
import { db, isPrismaError } from "@/lib/server/db";
import { refuseIfPublished, requireIncident, reviewRow, staleVersion } from "./guards";
import { toReviewRecord, type ReviewRecord } from "./mappers";

/**
 * Saves the written content of a review (draft or in review). Optimistic concurrency: `version`
 * must be the version the writer read (0 creates the review); otherwise 409 with the current one.
 */
export async function saveReview(incidentId: string, body: SaveReviewBody, principal: Principal): Promise<ReviewRecord> {
  await requireIncident(incidentId);
  const current = await reviewRow(incidentId);
  refuseIfPublished(current);
  const content = JSON.stringify(body.content);
  if (!current) {
    if (body.version !== 0) throw staleVersion("the review", 0, body.version);
    try {
      return toReviewRecord(await db().review.create({ data: { incidentId, content, updatedBy: principal.name } }));
    } catch (error) {
      if (isPrismaError(error, "P2002")) {
        const now = await reviewRow(incidentId);
        throw staleVersion("the review", now?.version ?? 1, 0);
      }
      throw error;
    }
  }
  const updated = await db().review.updateMany({
    where: { incidentId, version: body.version, state: { not: "published" } },
    data: { content, version: { increment: 1 }, updatedBy: principal.name },
  });
  if (updated.count === 0) {
    const now = await reviewRow(incidentId);
    refuseIfPublished(now);
    throw staleVersion("the review", now?.version ?? 0, body.version);
  }
  return toReviewRecord(await reviewRow(incidentId));
}
