import "server-only";
import { STAKEHOLDER_UPDATE_KIND, type StakeholderUpdatePayload } from "@/lib/domain/notifications/updates";
import type { Principal } from "@/lib/server/auth/identify";
import { AppError } from "@/lib/server/http/errors";
import { appendEntry, type AppendResult } from "@/lib/server/incidents/append-entry";
import { authorOf } from "@/lib/server/incidents/mappers";
import type { StakeholderUpdateBody } from "@/lib/schemas/notifications";

/**
 * A commander's stakeholder update: what we know, the impact, what happens next, and when the
 * next update comes. A log entry (item "stakeholder-update", so the newest is one indexed read
 * away for the reminder) that the notifier announces on the incident's channels.
 */
export function postStakeholderUpdate(incidentId: string, body: StakeholderUpdateBody, principal: Principal, now: Date = new Date()): Promise<AppendResult> {
  if (body.nextUpdateAt && Date.parse(body.nextUpdateAt) <= now.getTime()) {
    throw new AppError("VALIDATION_FAILED", "body.nextUpdateAt: the next update must be promised for later than now", { fieldErrors: [{ path: "body.nextUpdateAt", message: "must be in the future" }] });
  }
  const payload: StakeholderUpdatePayload = { known: body.known, impact: body.impact, next: body.next, nextUpdateAt: body.nextUpdateAt ?? null };
  return appendEntry({
    incidentId,
    kind: STAKEHOLDER_UPDATE_KIND,
    item: STAKEHOLDER_UPDATE_KIND,
    author: authorOf(principal),
    idempotencyKey: body.idempotencyKey ?? null,
    check: (incident) => {
      if (incident.status === "closed") throw new AppError("CONFLICT", "the incident is closed: no more updates");
    },
    payload,
  });
}
