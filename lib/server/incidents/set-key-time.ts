import "server-only";
import type { KeyTime } from "@/lib/domain/incidents/types";
import type { Principal } from "@/lib/server/auth/identify";
import { appendEntry, type AppendResult } from "./append-entry";
import { authorOf } from "./mappers";

/** Sets one of the key times MTTD/MTTA/MTTR come from (impact start is not detection). */
export function setKeyTime(incidentId: string, body: { key: KeyTime; at: string; note?: string; expectedVersion?: number; idempotencyKey?: string }, principal: Principal): Promise<AppendResult> {
  return appendEntry({
    incidentId,
    kind: "key-time-set",
    item: `keytime:${body.key}`,
    expectedVersion: body.expectedVersion,
    idempotencyKey: body.idempotencyKey,
    author: authorOf(principal),
    payload: { key: body.key, at: new Date(body.at).toISOString(), ...(body.note ? { note: body.note } : {}) },
  });
}
