import "server-only";
import { ACTION_LABELS } from "@/lib/domain/mitigation/actions";
import { ENTRY_KINDS } from "@/lib/domain/mitigation/types";
import type { Principal } from "@/lib/server/auth/identify";
import { conflict } from "@/lib/server/http/errors";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { authorOf } from "@/lib/server/incidents/mappers";
import type { DecideActionBody, GuardedActionView } from "@/lib/schemas/mitigation";
import { assertCanDecide } from "./approval-policy";
import { loadAction, moveStatus, toView } from "./mappers";

/** Rejects (or, for the requester, withdraws) a requested action. */
export async function rejectAction(incidentId: string, actionId: string, body: DecideActionBody, principal: Principal): Promise<GuardedActionView> {
  const rec = await loadAction(incidentId, actionId);
  assertCanDecide(principal, rec.row.requestedBy, "reject");
  if (rec.row.status !== "requested" && rec.row.status !== "approved") throw conflict(`the action is ${rec.row.status}: it can no longer be rejected`);
  const moved = await moveStatus(actionId, rec.row.status as "requested" | "approved", { status: "rejected", decisionNote: body.note ?? null });
  if (!moved) throw conflict("someone changed this action meanwhile; reload");
  await appendEntry({
    incidentId,
    kind: ENTRY_KINDS.actionRejected,
    item: `action:${actionId}`,
    author: authorOf(principal),
    payload: { actionId, kind: rec.params.kind, title: ACTION_LABELS[rec.params.kind], summary: rec.dryRun.summary, rejectedBy: { id: principal.id, name: principal.name }, note: body.note ?? null },
  });
  return toView(await loadAction(incidentId, actionId));
}
