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

/** A second person approves a requested action (never the requester, never a viewer). */
export async function approveAction(incidentId: string, actionId: string, body: DecideActionBody, principal: Principal): Promise<GuardedActionView> {
  const rec = await loadAction(incidentId, actionId);
  assertCanDecide(principal, rec.row.requestedBy, "approve");
  if (rec.row.status !== "requested") throw conflict(`the action is ${rec.row.status}, not waiting for approval`);
  const moved = await moveStatus(actionId, "requested", { status: "approved", approvedBy: principal.id, approvedByName: principal.name, decisionNote: body.note ?? null });
  if (!moved) throw conflict("someone decided on this action meanwhile; reload");
  await appendEntry({
    incidentId,
    kind: ENTRY_KINDS.actionApproved,
    item: `action:${actionId}`,
    author: authorOf(principal),
    payload: {
      actionId, kind: rec.params.kind, title: ACTION_LABELS[rec.params.kind], summary: rec.dryRun.summary,
      requestedBy: { id: rec.row.requestedBy, name: rec.row.requestedByName }, approvedBy: { id: principal.id, name: principal.name }, note: body.note ?? null,
    },
  });
  return toView(await loadAction(incidentId, actionId));
}
