import "server-only";
import { KNOWN_ITEM_IDS } from "@/lib/domain/mitigation/checklist";
import { validateItemUpdate } from "@/lib/domain/mitigation/item-state";
import { ENTRY_KINDS, type ChecklistItemUpdate } from "@/lib/domain/mitigation/types";
import type { Principal } from "@/lib/server/auth/identify";
import { AppError, notFound } from "@/lib/server/http/errors";
import { appendEntry, type AppendResult } from "@/lib/server/incidents/append-entry";
import { authorOf } from "@/lib/server/incidents/mappers";
import type { UpdateItemBody } from "@/lib/schemas/mitigation";

/** Assign / start / done / skip (reason) / block (reason) / reopen a checklist item: one log entry, live for everyone. */
export async function updateChecklistItem(incidentId: string, itemId: string, body: UpdateItemBody, principal: Principal): Promise<AppendResult> {
  // No checklist has this item: refuse it instead of logging an update of nothing.
  if (!KNOWN_ITEM_IDS.has(itemId)) throw notFound(`checklist item ${itemId.slice(0, 100)}`);
  const update: ChecklistItemUpdate = {
    itemId,
    action: body.action,
    ...(body.action === "assign" ? { assigneeId: body.assigneeId ?? principal.id, assigneeName: body.assigneeName ?? (body.assigneeId ? body.assigneeId : principal.name) } : {}),
    ...(body.reason ? { reason: body.reason } : {}),
  };
  const invalid = validateItemUpdate(update);
  if (invalid) throw new AppError("UNPROCESSABLE", invalid);
  return appendEntry({
    incidentId,
    kind: ENTRY_KINDS.itemUpdated,
    item: `checklist:${itemId}`,
    expectedVersion: body.expectedVersion,
    idempotencyKey: body.idempotencyKey ?? null,
    author: authorOf(principal),
    check: (incident) => {
      if (incident.status === "closed") throw new AppError("CONFLICT", "the incident is closed");
    },
    payload: update,
  });
}
