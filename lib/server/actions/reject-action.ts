import "server-only";
import { ACTION_LABELS } from "@/lib/domain/mitigation/actions";
import { ENTRY_KINDS } from "@/lib/domain/mitigation/types";
import type { Principal } from "@/lib/server/auth/identify";
import { conflict } from "@/lib/server/http/errors";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { authorOf } from "@/lib/server/incidents/mappers";
import type { DecideActionBody, GuardedActionView } from "@/lib/schemas/mitigation";
import { assertMayReject } from "./approval-policy";
import { loadAction, moveStatus, toView } from "./mappers";

/** Rejects (or, for the requester, withdraws) a requested action, or declines the rollback of an executed one. */
export async function rejectAction(incidentId: string, actionId: string, body: DecideActionBody, principal: Principal): Promise<GuardedActionView> {
  const rec = await loadAction(incidentId, actionId);
  assertMayReject(principal);
  const status = rec.row.status;
  const rollback = status === "rollback-requested" || status === "rollback-approved";
  if (!rollback && status !== "requested" && status !== "approved") throw conflict(`the action is ${status}: it can no longer be rejected`);
  const moved = rollback
    ? await moveStatus(actionId, status, { status: "executed", rollbackRequest: null, rollbackApproval: null })
    : await moveStatus(actionId, status, { status: "rejected", decisionNote: body.note ?? null });
  if (!moved) throw conflict("someone changed this action meanwhile; reload");
  await appendEntry({
    incidentId,
    kind: rollback ? ENTRY_KINDS.rollbackRejected : ENTRY_KINDS.actionRejected,
    item: `action:${actionId}`,
    author: authorOf(principal),
    payload: {
      actionId, kind: rec.params.kind, title: ACTION_LABELS[rec.params.kind],
      summary: rollback ? `rollback declined; the action stays executed: ${rec.dryRun.summary}` : rec.dryRun.summary,
      rejectedBy: { id: principal.id, name: principal.name }, note: body.note ?? null,
    },
  });
  return toView(await loadAction(incidentId, actionId));
}
