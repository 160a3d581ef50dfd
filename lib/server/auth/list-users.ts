import "server-only";
import type { User } from "@prisma/client";
import { isRole } from "@/lib/domain/auth/roles";
import type { UserView } from "@/lib/schemas/auth";
import { db } from "../db";
import type { Principal } from "./identify";

/** A user as the API shows them: the email only to admins (everybody else sees names). */
export function toUserView(user: User, { withEmail }: { withEmail: boolean }): UserView | null {
  if (!isRole(user.role)) return null;
  return { id: user.id, email: withEmail ? user.email : null, name: user.name, role: user.role, disabled: user.disabledAt !== null };
}

export async function listUsers(principal: Principal): Promise<UserView[]> {
  const users = await db().user.findMany({ orderBy: { createdAt: "asc" } });
  const withEmail = principal.role === "admin";
  return users.flatMap((u) => toUserView(u, { withEmail }) ?? []);
}
