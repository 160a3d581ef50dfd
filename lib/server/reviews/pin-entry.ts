import "server-only";
import { REVIEW_PIN_KIND, type PinPayload } from "@/lib/domain/review/timeline";
import type { PinBody } from "@/lib/schemas/reviews";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/http/errors";
import { appendEntry, type AppendResult } from "@/lib/server/incidents/append-entry";
import { authorOf } from "@/lib/server/incidents/mappers";
import { refuseIfPublished, requireIncident, reviewRow } from "./guards";

/** The commander pins (or unpins) a log entry into the review's timeline excerpt: a "review-pin" log entry. */
export async function pinEntry(incidentId: string, body: PinBody, principal: Principal): Promise<AppendResult> {
  await requireIncident(incidentId);
  refuseIfPublished(await reviewRow(incidentId));
  const target = await db().incidentEntry.findUnique({ where: { id: body.entryId }, select: { incidentId: true, kind: true } });
  if (!target || target.incidentId !== incidentId) throw new AppError("UNPROCESSABLE", "that entry is not in this incident's log");
  if (target.kind === REVIEW_PIN_KIND) throw new AppError("UNPROCESSABLE", "a pin cannot be pinned");
  const payload: PinPayload = { entryId: body.entryId, pinned: body.pinned };
  return appendEntry({ incidentId, kind: REVIEW_PIN_KIND, item: `pin:${body.entryId}`, author: authorOf(principal), payload });
}
