import "server-only";
import { approvalExpiresAt, approvalRefusal, ownerKey, type ApprovalNeeds, type Approver } from "@/lib/domain/auth/separation-of-duties";
import { isRole, roleAtLeast, type Role } from "@/lib/domain/auth/roles";
import { findEntry } from "@/lib/domain/catalog/match";
import type { ActionParams } from "@/lib/domain/mitigation/actions";
import type { Principal } from "@/lib/server/auth/identify";
import { listCatalogEntries } from "@/lib/server/catalog/list-entries";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { AppError, forbidden } from "@/lib/server/http/errors";
import type { ActionRecord } from "./mappers";

/** Least role that may approve a high-blast-radius action: RIPCORD_APPROVER_ROLE, default responder (never viewer). */
export function approverRole(): Role {
  return env().RIPCORD_APPROVER_ROLE;
}

export type Approved = "action" | "rollback";
const WHAT: Record<Approved, string> = { action: "this action", rollback: "this rollback" };

export function approverOf(principal: Principal): Approver {
  return { personId: principal.kind === "user" ? principal.id : null, name: principal.name, role: principal.role };
}

/**
 * The catalog owner whose people must approve an offset change of a group the catalog names
 * (its action owner), or null: other actions, and groups the catalog does not know.
 */
export async function requiredOwnerFor(params: ActionParams): Promise<string | null> {
  if (params.kind !== "reset-offsets") return null;
  const entry = findEntry(await listCatalogEntries(), "group", params.groupId);
  return entry?.owners.action.name.trim() || null;
}

async function ownerNeeds(rec: ActionRecord): Promise<ApprovalNeeds["owner"]> {
  const owner = await requiredOwnerFor(rec.params);
  if (!owner || rec.params.kind !== "reset-offsets") return null;
  const members = await db().ownerMember.findMany({ where: { owner: ownerKey(owner), user: { disabledAt: null } }, select: { userId: true } });
  return { name: owner, memberIds: members.map((m) => m.userId), groupId: rec.params.groupId };
}

function requesterOf(rec: ActionRecord, what: Approved): string | null {
  return what === "action" ? (rec.row.requestedByAccountable ?? rec.row.requestedBy) : (rec.rollbackRequest?.accountableId ?? null);
}

/** Throws FORBIDDEN unless the principal may approve the action (or its rollback): a second person, with the role, the data owner's. */
export async function assertMayApprove(principal: Principal, rec: ActionRecord, what: Approved): Promise<void> {
  const refusal = approvalRefusal(approverOf(principal), { requestedBy: requesterOf(rec, what), approverRole: approverRole(), owner: await ownerNeeds(rec), what: WHAT[what] });
  if (refusal) throw forbidden(refusal);
}

/** Throws FORBIDDEN unless the principal may reject (or, as the requester, withdraw) a decision. */
export function assertMayReject(principal: Principal): void {
  const needed = approverRole();
  if (!roleAtLeast(principal.role, needed)) throw forbidden(`only a ${needed} or higher can reject a guarded action; you are ${principal.role}`);
}

export class ApprovalExpired extends AppError {
  constructor(message: string) {
    super("PRECONDITION_FAILED", message, { extra: { approvalExpired: true } });
  }
}

/**
 * At execution (or rollback): the approval still counts. It has not expired (RIPCORD_APPROVAL_MINUTES),
 * the approver is still an enabled person with the approver role, still a different person than the
 * requester, and still mapped to the data owner the catalog names now.
 */
export async function assertApprovalHolds(rec: ActionRecord, what: Approved, now = new Date()): Promise<void> {
  const approval = what === "action" ? (rec.row.approvedBy ? { id: rec.row.approvedBy, name: rec.row.approvedByName ?? rec.row.approvedBy, at: rec.row.approvedAt } : null) : rec.rollbackApproval ? { id: rec.rollbackApproval.by.id, name: rec.rollbackApproval.by.name, at: new Date(rec.rollbackApproval.at) } : null;
  if (!approval) throw new AppError("PRECONDITION_FAILED", `refused: ${WHAT[what]} needs a second person's approval first. Nothing was changed in Kafka.`);
  const minutes = env().RIPCORD_APPROVAL_MINUTES;
  if (!approval.at || approvalExpiresAt(approval.at, minutes) <= now) {
    throw new ApprovalExpired(`refused: ${approval.name}'s approval${approval.at ? ` of ${approval.at.toISOString()}` : ""} expired after ${minutes} min (RIPCORD_APPROVAL_MINUTES); it needs a fresh approval. Nothing was changed in Kafka.`);
  }
  const user = await db().user.findUnique({ where: { id: approval.id } });
  const approver: Approver = user && !user.disabledAt && isRole(user.role) ? { personId: user.id, name: user.name, role: user.role } : { personId: null, name: approval.name, role: "viewer" };
  const refusal = approvalRefusal(approver, { requestedBy: requesterOf(rec, what), approverRole: approverRole(), owner: await ownerNeeds(rec), what: WHAT[what] });
  if (refusal) {
    const why = approver.personId === null ? `${approval.name} is no longer an enabled user` : refusal;
    throw new ApprovalExpired(`refused: the approval by ${approval.name} no longer counts: ${why}. It needs a fresh approval. Nothing was changed in Kafka.`);
  }
}
