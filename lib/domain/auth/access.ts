import type { Role } from "./roles";

/** Who may call an operation: anyone, or a signed-in principal with at least this role. */
export type Access = "public" | Role;
