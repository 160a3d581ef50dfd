import "server-only";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/http/errors";
import { refuseIfPublished, reviewRow, staleVersion } from "./guards";

/** Removes an action item from a review that is not published yet (at the version the caller read). */
export async function deleteActionItem(incidentId: string, itemId: string, version: number): Promise<void> {
  const item = await db().actionItem.findUnique({ where: { id: itemId } });
  if (!item || item.incidentId !== incidentId) throw notFound("action item");
  refuseIfPublished(await reviewRow(incidentId));
  const deleted = await db().actionItem.deleteMany({ where: { id: itemId, version } });
  if (deleted.count === 0) throw staleVersion("this action item", item.version, version);
}
