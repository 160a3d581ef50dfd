/**
 * Roles, from least to most capable. A route names the least role it needs; each role can do
 * everything the roles before it can. Viewers (managers) read; responders annotate and approve;
 * commanders drive incidents; admins also manage users, tokens and settings.
 */
export const ROLES = ["viewer", "responder", "commander", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** The less capable of two roles (a personal token never acts above its owner's current role). */
export function lowerRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;
}

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  responder: "Responder",
  commander: "Commander",
  admin: "Admin",
};
