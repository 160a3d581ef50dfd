import "server-only";
import { isRole } from "@/lib/domain/auth/roles";
import type { UserView } from "@/lib/schemas/auth";
import { db } from "../db";

export async function listUsers(): Promise<UserView[]> {
  const users = await db().user.findMany({ orderBy: { createdAt: "asc" } });
  return users.flatMap((u) => (isRole(u.role) ? [{ id: u.id, email: u.email, name: u.name, role: u.role }] : []));
}
