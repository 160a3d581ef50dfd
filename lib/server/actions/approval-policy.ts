import "server-only";
import { roleAtLeast, type Role } from "@/lib/domain/auth/roles";
import { env } from "@/lib/server/env";
import type { Principal } from "@/lib/server/auth/identify";
import { forbidden } from "@/lib/server/http/errors";

/** Least role that may approve a high-blast-radius action: RIPCORD_APPROVER_ROLE, default responder (never viewer). */
export function approverRole(): Role {
  return env().RIPCORD_APPROVER_ROLE;
}

/** Throws FORBIDDEN unless the principal may decide (approve/reject) an action requested by `requestedBy`. */
export function assertCanDecide(principal: Principal, requestedBy: string, verb: "approve" | "reject"): void {
  const needed = approverRole();
  if (!roleAtLeast(principal.role, needed)) throw forbidden(`only a ${needed} or higher can ${verb} a guarded action; you are ${principal.role}`);
  if (verb === "approve" && principal.id === requestedBy) {
    throw forbidden("you requested this action, so you cannot approve it: a high-blast-radius action needs a second person's approval");
  }
}
