import { roleAtLeast, type Role } from "./roles";

/**
 * Kinds of API token. A personal token belongs to the person who made it and acts as them, never
 * above their current role; a machine token (automation) is nobody, so it can never approve; an
 * alert-source token (Alertmanager, a webhook sender) may deliver alerts and nothing else.
 */
export const TOKEN_KINDS = ["personal", "machine", "alert-source"] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export const TOKEN_KIND_LABELS: Record<TokenKind, string> = {
  personal: "Personal",
  machine: "Machine",
  "alert-source": "Alert source",
};

/** Who may call an operation: anyone, a signed-in principal with at least this role, or an alert-source token. */
export type Access = "public" | Role | "alert-source";

/** What the access check needs to know about a caller. */
export interface Caller {
  role: Role;
  /** null for a browser session */
  tokenKind: TokenKind | null;
}

export type AccessVerdict = "allowed" | "unauthenticated" | "below-role" | "alert-source-only" | "needs-alert-source";

/** The one access rule of the API. Pure: the route wrapper applies it, the matrix test checks it cell by cell. */
export function checkAccess(access: Access, caller: Caller | null): AccessVerdict {
  if (access === "public") return "allowed";
  if (!caller) return "unauthenticated";
  if (access === "alert-source") return caller.tokenKind === "alert-source" ? "allowed" : "needs-alert-source";
  if (caller.tokenKind === "alert-source") return "alert-source-only";
  return roleAtLeast(caller.role, access) ? "allowed" : "below-role";
}
