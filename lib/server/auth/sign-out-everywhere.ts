import "server-only";
import { db } from "../db";
import { AppError, notFound } from "../http/errors";
import { log } from "../log";
import type { Principal } from "./identify";
import { endSessionsOf } from "./sessions";

/** POST /api/auth/sign-out-everywhere: every session of the caller ends, this one included. */
export async function signOutEverywhere(principal: Principal): Promise<{ endedSessions: number }> {
  if (principal.kind !== "user") throw new AppError("UNPROCESSABLE", "a machine token has no sessions; revoke the token instead");
  const endedSessions = await endSessionsOf(principal.id);
  log("info", "signed out everywhere", { userId: principal.id, endedSessions });
  return { endedSessions };
}

/** POST /api/users/{id}/sign-out (admin): every session of that user ends. */
export async function signOutUser(userId: string, by: Principal): Promise<{ endedSessions: number }> {
  if (!(await db().user.findUnique({ where: { id: userId }, select: { id: true } }))) throw notFound("user");
  const endedSessions = await endSessionsOf(userId);
  log("info", "user signed out everywhere", { userId, by: by.accountableId, endedSessions });
  return { endedSessions };
}
