import "server-only";
import type { UpdateUserBody, UserView } from "@/lib/schemas/auth";
import { db } from "../db";
import { AppError, notFound } from "../http/errors";
import { log } from "../log";
import type { Principal } from "./identify";
import { toUserView } from "./list-users";

/**
 * PATCH /api/users/{id} (admin): change a role, disable or re-enable an account, rename. Effective
 * on the user's next request: identify reads the user row every time, and disabling also deletes
 * their sessions. An admin cannot lock themselves out, and the last enabled admin stays an admin.
 */
export async function updateUser(id: string, body: UpdateUserBody, by: Principal): Promise<UserView> {
  const user = await db().$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id } });
    if (!current) throw notFound("user");
    if (id === by.id && (body.disabled === true || (body.role !== undefined && body.role !== current.role))) {
      throw new AppError("UNPROCESSABLE", "you cannot disable your own account or change your own role: ask another admin");
    }
    const losesAdmin = current.role === "admin" && !current.disabledAt && (body.disabled === true || (body.role !== undefined && body.role !== "admin"));
    if (losesAdmin && (await tx.user.count({ where: { role: "admin", disabledAt: null } })) <= 1) {
      throw new AppError("CONFLICT", `${current.name} is the last enabled admin: make another admin first`);
    }
    const disabledAt = body.disabled === undefined ? undefined : body.disabled ? (current.disabledAt ?? new Date()) : null;
    const updated = await tx.user.update({ where: { id }, data: { role: body.role, name: body.name, disabledAt } });
    if (body.disabled) await tx.session.deleteMany({ where: { userId: id } });
    return updated;
  });
  log("info", "user changed", { userId: id, by: by.accountableId, role: body.role, disabled: body.disabled, renamed: body.name !== undefined });
  return toUserView(user, { withEmail: true }) as UserView;
}
