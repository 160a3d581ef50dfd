import "server-only";
import type { GuardedAction } from "@prisma/client";
import { approvalExpiresAt } from "@/lib/domain/auth/separation-of-duties";
import { needsSecondPerson, type ActionParams, type ActionStatus, type DryRun, type RollbackRecipe } from "@/lib/domain/mitigation/actions";
import type { ActionKind, BlastRadius } from "@/lib/domain/mitigation/types";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { notFound } from "@/lib/server/http/errors";
import type { Credential, GuardedActionView } from "@/lib/schemas/mitigation";

/** A rollback asked for, or a second person's approval of it (stored as JSON on the action). */
export interface RollbackRequest {
  by: { id: string; name: string };
  accountableId: string | null;
  via: Credential;
  at: string;
}
export interface RollbackApproval {
  by: { id: string; name: string };
  via: Credential;
  at: string;
  note: string | null;
}

export interface ActionRecord {
  row: GuardedAction;
  params: ActionParams;
  dryRun: DryRun;
  blastRadius: BlastRadius;
  rollback: RollbackRecipe;
  rollbackRequest: RollbackRequest | null;
  rollbackApproval: RollbackApproval | null;
}

const parsed = <T>(text: string | null): T | null => (text ? (JSON.parse(text) as T) : null);

/** The credential a principal used, as stored with a request or a decision (a session's row id is not kept). */
export function credentialOf(principal: Principal): Credential {
  const c = principal.credential;
  return c.kind === "session" ? { kind: "session", id: null, name: c.name, tokenKind: null } : { kind: "token", id: c.id, name: c.name, tokenKind: c.tokenKind };
}

export function parseAction(row: GuardedAction): ActionRecord {
  return {
    row,
    params: JSON.parse(row.params) as ActionParams,
    dryRun: JSON.parse(row.dryRun) as DryRun,
    blastRadius: JSON.parse(row.blastRadius) as BlastRadius,
    rollback: JSON.parse(row.rollback) as RollbackRecipe,
    rollbackRequest: parsed<RollbackRequest>(row.rollbackRequest),
    rollbackApproval: parsed<RollbackApproval>(row.rollbackApproval),
  };
}

export async function loadAction(incidentId: string, actionId: string): Promise<ActionRecord> {
  const row = await db().guardedAction.findUnique({ where: { id: actionId } });
  if (!row || row.incidentId !== incidentId) throw notFound("action");
  return parseAction(row);
}

const expiry = (at: Date | string | null) => (at ? approvalExpiresAt(new Date(at), env().RIPCORD_APPROVAL_MINUTES).toISOString() : null);

export function toView(rec: ActionRecord): GuardedActionView {
  const { row } = rec;
  return {
    id: row.id,
    incidentId: row.incidentId,
    kind: row.kind as ActionKind,
    params: rec.params,
    dryRun: rec.dryRun,
    blastRadius: rec.blastRadius,
    needsApproval: needsSecondPerson(rec.blastRadius),
    status: row.status as ActionStatus,
    requestedBy: { id: row.requestedBy, name: row.requestedByName, accountableId: row.requestedByAccountable ?? row.requestedBy, via: parsed<Credential>(row.requestedVia) },
    approvedBy: row.approvedBy
      ? { id: row.approvedBy, name: row.approvedByName ?? row.approvedBy, via: parsed<Credential>(row.approvedVia), at: row.approvedAt?.toISOString() ?? null, expiresAt: expiry(row.approvedAt) }
      : null,
    requiredOwner: row.requiredOwner,
    rollbackRequest: rec.rollbackRequest,
    rollbackApproval: rec.rollbackApproval ? { id: rec.rollbackApproval.by.id, name: rec.rollbackApproval.by.name, via: rec.rollbackApproval.via, at: rec.rollbackApproval.at, expiresAt: expiry(rec.rollbackApproval.at) } : null,
    decisionNote: row.decisionNote,
    executedAt: row.executedAt?.toISOString() ?? null,
    result: row.result ? (JSON.parse(row.result) as unknown) : null,
    rollback: rec.rollback,
    rolledBackAt: row.rolledBackAt?.toISOString() ?? null,
    error: row.error,
    warnings: rec.dryRun.warnings,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Moves an action from one status to another atomically; false when someone else moved it first. */
export async function moveStatus(actionId: string, from: ActionStatus, data: Partial<Omit<GuardedAction, "id" | "incidentId">> & { status: ActionStatus }): Promise<boolean> {
  const { count } = await db().guardedAction.updateMany({ where: { id: actionId, status: from }, data });
  return count === 1;
}
