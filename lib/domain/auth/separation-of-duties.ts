import { roleAtLeast, type Role } from "./roles";

/**
 * Separation of duties for guarded Kafka actions (seed 000: a second person confirms what changes
 * the recovery surface; seed 002: offset resets only with the data owner's approval). People are
 * compared, never credentials: a person's session and their personal tokens are the same person,
 * and a machine token answers to whoever created it.
 */

export interface Approver {
  /** the person approving; null for a machine token, which can never approve */
  personId: string | null;
  name: string;
  role: Role;
}

export interface ApprovalNeeds {
  /** the person who answers for the request (or for the rollback request) */
  requestedBy: string | null;
  /** least role that may approve (RIPCORD_APPROVER_ROLE) */
  approverRole: Role;
  /** offset changes of a catalogued group: the owner whose mapped people must approve */
  owner: { name: string; memberIds: readonly string[]; groupId: string } | null;
  /** "this action" or "this rollback", for the reasons */
  what: string;
}

/** Why this approver may not approve, or null when they may. */
export function approvalRefusal(approver: Approver, needs: ApprovalNeeds): string | null {
  if (approver.personId === null) return `a machine token cannot approve ${needs.what}: approval needs a person (a session or a personal token)`;
  if (!roleAtLeast(approver.role, needs.approverRole)) return `only a ${needs.approverRole} or higher can approve ${needs.what}; you are ${approver.role}`;
  if (needs.requestedBy !== null && approver.personId === needs.requestedBy) {
    return `you requested ${needs.what} (with your session, one of your tokens or a machine token you created), so you cannot approve it: a high-blast-radius action needs a second person's approval`;
  }
  if (needs.owner && !needs.owner.memberIds.includes(approver.personId)) {
    const who = needs.owner.memberIds.length ? "" : ` Nobody is mapped to "${needs.owner.name}" yet: an admin maps people to owners in Settings → Data owners.`;
    return `offset changes of ${needs.owner.groupId} need approval by its data owner "${needs.owner.name}" (the catalog's action owner), and ${approver.name} is not mapped to it.${who}`;
  }
  return null;
}

/** When an approval given at `approvedAt` stops counting. */
export function approvalExpiresAt(approvedAt: Date, lifetimeMinutes: number): Date {
  return new Date(approvedAt.getTime() + lifetimeMinutes * 60_000);
}

/** The owner key of a catalog owner name: the mapping is by name, case and spacing aside. */
export function ownerKey(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}
