import "server-only";
import type { ChangeOwnPasswordBody } from "@/lib/schemas/auth";
import { db } from "../db";
import { AppError, notFound } from "../http/errors";
import { log } from "../log";
import type { Principal } from "./identify";
import { assertNotThrottled, recordFailure, throttleKeys } from "./login-throttle";
import { hashPassword, verifyPassword } from "./password";
import { endSessionsOf } from "./sessions";

/** POST /api/users/{id}/password (admin): a new password; every session of that user ends. */
export async function setPassword(userId: string, password: string, by: Principal): Promise<{ endedSessions: number }> {
  if (!(await db().user.findUnique({ where: { id: userId }, select: { id: true } }))) throw notFound("user");
  const passwordHash = await hashPassword(password);
  await db().user.update({ where: { id: userId }, data: { passwordHash } });
  const endedSessions = await endSessionsOf(userId);
  log("info", "password set", { userId, by: by.accountableId, endedSessions });
  return { endedSessions };
}

/** POST /api/auth/password: change your own password (the current one first); your other sessions end. */
export async function changeOwnPassword(body: ChangeOwnPasswordBody, principal: Principal, clientAddress: string): Promise<{ endedSessions: number }> {
  if (principal.kind !== "user") throw new AppError("UNPROCESSABLE", "a machine token has no password");
  const user = await db().user.findUnique({ where: { id: principal.id } });
  if (!user) throw notFound("user");
  // a wrong current password counts like a failed sign-in: a stolen session cannot guess it freely
  const keys = throttleKeys(user.email, clientAddress);
  await assertNotThrottled(keys);
  if (!(await verifyPassword(body.currentPassword, user.passwordHash))) {
    await recordFailure(keys);
    throw new AppError("FORBIDDEN", "the current password is wrong");
  }
  await db().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(body.newPassword) } });
  const endedSessions = await endSessionsOf(user.id, { except: principal.credential.kind === "session" ? principal.credential.id : undefined });
  log("info", "password changed", { userId: user.id, endedSessions });
  return { endedSessions };
}
