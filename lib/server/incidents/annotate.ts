import "server-only";
import type { AnnotateBody } from "@/lib/schemas/incidents";
import type { Principal } from "@/lib/server/auth/identify";
import { AppError } from "@/lib/server/http/errors";
import { appendEntry, type AppendResult } from "./append-entry";
import { authorOf } from "./mappers";

const refuseClosed = (incident: { status: string }) => {
  if (incident.status === "closed") throw new AppError("CONFLICT", "the incident is closed; its log takes no more annotations");
};

/** A responder's annotation on the evidence timeline. */
export function annotate(incidentId: string, body: AnnotateBody, principal: Principal): Promise<AppendResult> {
  return appendEntry({
    incidentId,
    kind: "annotation",
    author: authorOf(principal),
    idempotencyKey: body.idempotencyKey,
    check: refuseClosed,
    payload: { annotationKind: body.annotationKind, body: body.body, links: body.links, ...(body.evidence ? { evidence: body.evidence } : {}) },
  });
}

/** Nothing is edited in place: a correction is a new entry pointing at the one it corrects. */
export function correct(incidentId: string, body: { correctsEntryId: string; body: string; idempotencyKey?: string }, principal: Principal): Promise<AppendResult> {
  return appendEntry({
    incidentId,
    kind: "correction",
    author: authorOf(principal),
    correctsEntryId: body.correctsEntryId,
    idempotencyKey: body.idempotencyKey,
    payload: { body: body.body },
  });
}
