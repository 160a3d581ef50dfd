import "server-only";
import { canDeclareFalseAlarm, canTransition, STATUS_TRANSITIONS } from "@/lib/domain/incidents/types";
import type { ChangeStatusBody } from "@/lib/schemas/incidents";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/http/errors";
import { verifyIncidentRecovery, type VerificationView } from "@/lib/server/mitigation/verify-recovery";
import { appendEntry, findEntryByKey, type AppendResult } from "./append-entry";
import { authorOf } from "./mappers";

/** Seed 002's defaults for the verification that gates resolution. */
export const RESOLVE_VERIFICATION = { noGrowthSeconds: 300 } as const;

function transitionError(from: string, to: string): AppError {
  const allowed = STATUS_TRANSITIONS[from as keyof typeof STATUS_TRANSITIONS] ?? [];
  return new AppError("UNPROCESSABLE", `cannot go from ${from} to ${to}; allowed: ${allowed.length ? allowed.join(", ") : "nothing (closed)"}`);
}

/**
 * Moves the incident through its lifecycle; refuses transitions the lifecycle does not allow.
 * Moving to resolution runs the mitigation feature's recovery verification on live evidence
 * (recorded in the log) and refuses with 412 and the failing checks' current values unless
 * every check passes or the commander overrides with a written reason, also recorded.
 * `falseAlarm` closes the incident from any open status as "not an incident" with its reason:
 * no resolution, and the MTTx aggregates leave it out (docs/mttx.md).
 */
export async function changeStatus(incidentId: string, body: ChangeStatusBody, principal: Principal): Promise<AppendResult> {
  let verification: VerificationView | null = null;
  if (body.to === "resolution") {
    const retried = body.idempotencyKey ? await findEntryByKey(principal.id, body.idempotencyKey) : null;
    const incident = await db().incident.findUnique({ where: { id: incidentId }, select: { status: true } });
    if (!incident) throw notFound("incident");
    // a retry of an applied change is answered by appendEntry; a forbidden move is a 422, not a 412
    if (!retried && canTransition(incident.status as never, body.to)) {
      verification = await verifyIncidentRecovery(incidentId, RESOLVE_VERIFICATION, principal);
      const failing = verification.checks.filter((c) => c.status !== "pass");
      if (!verification.ready && !body.verificationOverride) {
        throw new AppError(
          "PRECONDITION_FAILED",
          `recovery is not verified: ${failing.map((c) => `${c.title} — ${c.status}: ${c.current}`).join("; ")}. Resolve once the checks pass, or override with a written reason.`,
          { extra: { checks: failing, verification: { ready: verification.ready, checks: verification.checks, evidenceTakenAt: verification.evidenceTakenAt, warnings: verification.warnings } } },
        );
      }
    }
  }
  const recorded = verification
    ? {
        verification: { ready: verification.ready, checks: verification.checks, evidenceTakenAt: verification.evidenceTakenAt },
        ...(!verification.ready && body.verificationOverride ? { override: { reason: body.verificationOverride } } : {}),
      }
    : {};
  return appendEntry({
    incidentId,
    kind: "status-changed",
    item: "status",
    expectedVersion: body.expectedVersion,
    idempotencyKey: body.idempotencyKey,
    author: authorOf(principal),
    check: (incident) => {
      if (body.falseAlarm !== undefined) {
        if (!canDeclareFalseAlarm(incident.status)) throw new AppError("UNPROCESSABLE", `the incident is ${incident.status}: it cannot be declared a false alarm`);
      } else if (!canTransition(incident.status, body.to)) throw transitionError(incident.status, body.to);
    },
    project: { status: body.to },
    payloadFor: (incident) => ({ from: incident.status, to: body.to, ...(body.note ? { note: body.note } : {}), ...recorded, ...(body.falseAlarm !== undefined ? { falseAlarm: { reason: body.falseAlarm } } : {}) }),
  });
}
