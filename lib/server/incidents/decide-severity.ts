import "server-only";
import type { DecideSeverityBody } from "@/lib/schemas/incidents";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/http/errors";
import { appendEntry, type AppendResult } from "./append-entry";
import { authorOf } from "./mappers";

/**
 * The commander's decision on severity: accept the proposal or override it with a written
 * rationale. Accepting must name the level proposed; a stale expectedVersion is a 409.
 */
export async function decideSeverity(incidentId: string, body: DecideSeverityBody, principal: Principal): Promise<AppendResult> {
  let proposedLevel: string | null = null;
  if (body.proposalSeq !== null) {
    const proposal = await db().incidentEntry.findUnique({ where: { incidentId_seq: { incidentId, seq: body.proposalSeq } } });
    if (!proposal || proposal.kind !== "severity-proposed") throw new AppError("UNPROCESSABLE", `entry ${body.proposalSeq} is not a severity proposal of this incident`);
    proposedLevel = (JSON.parse(proposal.payload) as { level: string }).level;
    if (body.decision === "accepted" && proposedLevel !== body.level) {
      throw new AppError("UNPROCESSABLE", `the proposal was ${proposedLevel}; choosing ${body.level} is an override and needs a rationale`);
    }
  } else if (body.decision === "accepted") {
    throw new AppError("VALIDATION_FAILED", "body.proposalSeq: accepting needs the proposal's seq", { fieldErrors: [{ path: "body.proposalSeq", message: "required when accepting" }] });
  }
  return appendEntry({
    incidentId,
    kind: "severity-set",
    item: "severity",
    expectedVersion: body.expectedVersion,
    idempotencyKey: body.idempotencyKey,
    author: authorOf(principal),
    project: { severity: body.level },
    payload: { level: body.level, decision: body.decision, proposedLevel, proposalSeq: body.proposalSeq, rationale: body.rationale },
  });
}
