import "server-only";
import { canTransition, STATUS_TRANSITIONS } from "@/lib/domain/incidents/types";
import type { ChangeStatusBody } from "@/lib/schemas/incidents";
import type { Principal } from "@/lib/server/auth/identify";
import { AppError } from "@/lib/server/http/errors";
import { appendEntry, type AppendResult } from "./append-entry";
import { authorOf } from "./mappers";

/** Moves the incident through its lifecycle; refuses transitions the lifecycle does not allow. */
export function changeStatus(incidentId: string, body: ChangeStatusBody, principal: Principal): Promise<AppendResult> {
  return appendEntry({
    incidentId,
    kind: "status-changed",
    item: "status",
    expectedVersion: body.expectedVersion,
    idempotencyKey: body.idempotencyKey,
    author: authorOf(principal),
    check: (incident) => {
      if (!canTransition(incident.status, body.to)) {
        const allowed = STATUS_TRANSITIONS[incident.status];
        throw new AppError("UNPROCESSABLE", `cannot go from ${incident.status} to ${body.to}; allowed: ${allowed.length ? allowed.join(", ") : "nothing (closed)"}`);
      }
    },
    project: { status: body.to },
    payloadFor: (incident) => ({ from: incident.status, to: body.to, ...(body.note ? { note: body.note } : {}) }),
  });
}
