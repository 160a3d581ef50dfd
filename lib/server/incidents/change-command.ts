import "server-only";
import { roleAtLeast, isRole } from "@/lib/domain/auth/roles";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/http/errors";
import { appendEntry, type AppendResult } from "./append-entry";
import { authorOf } from "./mappers";

/** Take command yourself, or hand it over to another commander. */
export async function changeCommand(incidentId: string, body: { action: "take" | "hand-over"; userId?: string; expectedVersion?: number; idempotencyKey?: string }, principal: Principal): Promise<AppendResult> {
  let target = { id: principal.id, name: principal.name };
  if (body.action === "hand-over") {
    if (!body.userId) throw new AppError("VALIDATION_FAILED", "body.userId: name who takes over", { fieldErrors: [{ path: "body.userId", message: "required for hand-over" }] });
    const user = await db().user.findUnique({ where: { id: body.userId } });
    if (!user || !isRole(user.role) || !roleAtLeast(user.role, "commander")) throw new AppError("UNPROCESSABLE", "command can only go to a user with the commander role");
    target = { id: user.id, name: user.name };
  } else if (principal.kind !== "user") {
    throw new AppError("FORBIDDEN", "an API token cannot take command");
  }
  return appendEntry({
    incidentId,
    kind: "role-changed",
    item: "role:commander",
    expectedVersion: body.expectedVersion,
    idempotencyKey: body.idempotencyKey,
    author: authorOf(principal),
    project: { commanderId: target.id },
    payload: { role: "commander", userId: target.id, userName: target.name, action: body.action === "take" ? "took" : "handed-over" },
  });
}
