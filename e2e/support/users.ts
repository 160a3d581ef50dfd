import path from "node:path";
import type { Role } from "@/lib/domain/auth/roles";
import { portOf } from "../../scripts/lib/ports.mjs";

const E2E_PORT = portOf("E2E_PORT", 3100);

export const PASSWORD = "correct-horse-battery";

export const USERS: Record<Role, { email: string; name: string }> = {
  admin: { email: "admin@ripcord.test", name: "Ada Admin" },
  commander: { email: "commander@ripcord.test", name: "Cora Commander" },
  responder: { email: "responder@ripcord.test", name: "Remy Responder" },
  viewer: { email: "viewer@ripcord.test", name: "Vic Viewer" },
};

/** Signed-in browser state per role, written once by the global setup. */
export const storageStateFor = (role: Role) => path.join("e2e-artifacts", "auth", String(E2E_PORT), `${role}.json`);
