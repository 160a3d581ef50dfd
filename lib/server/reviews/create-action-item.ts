import "server-only";
import type { ActionItem } from "@/lib/domain/review/types";
import type { CreateActionItemBody } from "@/lib/schemas/reviews";
import { db } from "@/lib/server/db";
import { refuseIfPublished, requireIncident, reviewRow } from "./guards";
import { toActionItem } from "./mappers";

/** Adds a preventive action item to an incident's review (not once the review is published). */
export async function createActionItem(incidentId: string, body: CreateActionItemBody): Promise<ActionItem> {
  await requireIncident(incidentId);
  refuseIfPublished(await reviewRow(incidentId));
  const row = await db().actionItem.create({
    data: { incidentId, title: body.title, type: body.type, owner: body.owner, dueDate: body.dueDate, status: body.status, control: body.control },
  });
  return toActionItem(row);
}
