import "server-only";
import type { ActionItem } from "@/lib/domain/review/types";
import type { UpdateActionItemBody } from "@/lib/schemas/reviews";
import { db } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/http/errors";
import { reviewRow, staleVersion } from "./guards";
import { toActionItem } from "./mappers";

/**
 * Changes an action item (optimistic concurrency on its own version). After the review is
 * published only the tracking fields may change: status, owner and due date, not the wording.
 */
export async function updateActionItem(incidentId: string, itemId: string, body: UpdateActionItemBody): Promise<ActionItem> {
  const item = await db().actionItem.findUnique({ where: { id: itemId } });
  if (!item || item.incidentId !== incidentId) throw notFound("action item");
  const review = await reviewRow(incidentId);
  if (review?.state === "published" && (body.title !== undefined || body.type !== undefined)) {
    throw new AppError("CONFLICT", "the review is published: only status, owner and due date of its action items can change", { extra: { state: "published" } });
  }
  const { version, ...changes } = body;
  const updated = await db().actionItem.updateMany({ where: { id: itemId, version }, data: { ...changes, version: { increment: 1 } } });
  if (updated.count === 0) throw staleVersion("this action item", item.version, version);
  return toActionItem(await db().actionItem.findUniqueOrThrow({ where: { id: itemId } }));
}
