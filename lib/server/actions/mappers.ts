import "server-only";
import type { GuardedAction } from "@prisma/client";
import { needsSecondPerson, type ActionParams, type ActionStatus, type DryRun, type RollbackRecipe } from "@/lib/domain/mitigation/actions";
import type { ActionKind, BlastRadius } from "@/lib/domain/mitigation/types";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/http/errors";
import type { GuardedActionView } from "@/lib/schemas/mitigation";

export interface ActionRecord {
  row: GuardedAction;
  params: ActionParams;
  dryRun: DryRun;
  blastRadius: BlastRadius;
  rollback: RollbackRecipe;
}

export function parseAction(row: GuardedAction): ActionRecord {
  return {
    row,
    params: JSON.parse(row.params) as ActionParams,
    dryRun: JSON.parse(row.dryRun) as DryRun,
    blastRadius: JSON.parse(row.blastRadius) as BlastRadius,
    rollback: JSON.parse(row.rollback) as RollbackRecipe,
  };
}

export async function loadAction(incidentId: string, actionId: string): Promise<ActionRecord> {
  const row = await db().guardedAction.findUnique({ where: { id: actionId } });
  if (!row || row.incidentId !== incidentId) throw notFound("action");
  return parseAction(row);
}

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
    requestedBy: { id: row.requestedBy, name: row.requestedByName },
    approvedBy: row.approvedBy ? { id: row.approvedBy, name: row.approvedByName ?? row.approvedBy } : null,
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
