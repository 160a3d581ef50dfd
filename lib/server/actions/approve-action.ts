import "server-only";
import { ACTION_LABELS } from "@/lib/domain/mitigation/actions";
import { ENTRY_KINDS } from "@/lib/domain/mitigation/types";
import type { Principal } from "@/lib/server/auth/identify";
import { conflict } from "@/lib/server/http/errors";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { authorOf } from "@/lib/server/incidents/mappers";
import type { DecideActionBody, GuardedActionView } from "@/lib/schemas/mitigation";
import { assertMayApprove } from "./approval-policy";
import { credentialOf, loadAction, moveStatus, toView, type RollbackApproval } from "./mappers";

/**
 * A second person approves a requested action, or the rollback of an executed one: never the
 * requester (by person, whatever credential), never a machine token, never a viewer, and for a
 * catalogued group's offsets only a person mapped to its data owner. The approval records the
 * credential it was given with and counts for RIPCORD_APPROVAL_MINUTES.
 */
export async function approveAction(incidentId: string, actionId: string, body: DecideActionBody, principal: Principal): Promise<GuardedActionView> {
  const rec = await loadAction(incidentId, actionId);
  const what = rec.row.status === "rollback-requested" ? "rollback" : "action";
  if (rec.row.status !== "requested" && rec.row.status !== "rollback-requested") throw conflict(`the action is ${rec.row.status}, not waiting for approval`);
  await assertMayApprove(principal, rec, what);
  const via = credentialOf(principal);
  const at = new Date();
  const note = body.note ?? null;
  const moved =
    what === "action"
      ? await moveStatus(actionId, "requested", { status: "approved", approvedBy: principal.id, approvedByName: principal.name, approvedVia: JSON.stringify(via), approvedAt: at, decisionNote: note })
      : await moveStatus(actionId, "rollback-requested", { status: "rollback-approved", rollbackApproval: JSON.stringify({ by: { id: principal.id, name: principal.name }, via, at: at.toISOString(), note } satisfies RollbackApproval) });
  if (!moved) throw conflict("someone decided on this action meanwhile; reload");
  await appendEntry({
    incidentId,
    kind: what === "action" ? ENTRY_KINDS.actionApproved : ENTRY_KINDS.rollbackApproved,
    item: `action:${actionId}`,
    author: authorOf(principal),
    payload: {
      actionId, kind: rec.params.kind, title: ACTION_LABELS[rec.params.kind],
      summary: what === "action" ? rec.dryRun.summary : `rollback approved: ${rec.rollback.description}`,
      requestedBy: what === "action" ? { id: rec.row.requestedBy, name: rec.row.requestedByName } : (rec.rollbackRequest?.by ?? null),
      approvedBy: { id: principal.id, name: principal.name, via },
      requiredOwner: rec.row.requiredOwner,
      note,
    },
  });
  return toView(await loadAction(incidentId, actionId));
}
