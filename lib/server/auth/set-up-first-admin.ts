import "server-only";
import type { SetupBody, UserView } from "@/lib/schemas/auth";
import { db } from "../db";
import { AppError, forbidden } from "../http/errors";
import { log } from "../log";
import { hashPassword } from "./password";
import { createSession } from "./sessions";
import { announceSetupCode, isSetupCode } from "./setup-code";

export async function hasAnyUser(): Promise<boolean> {
  return (await db().user.count()) > 0;
}

/**
 * First run: the very first account becomes admin. Refused once any user exists; from anywhere but
 * the server's own machine, refused without the setup code the server printed on its console.
 */
export async function setUpFirstAdmin(input: SetupBody, fromLoopback: boolean): Promise<{ user: UserView; token: string; expiresAt: Date }> {
  if (await hasAnyUser()) throw new AppError("CONFLICT", "setup is already done: sign in instead");
  if (!fromLoopback && !isSetupCode(input.setupCode)) {
    log("warn", "first-run setup refused: not from this machine and no valid setup code", {});
    announceSetupCode();
    throw forbidden(input.setupCode ? "that is not the setup code; it is printed on the server's console" : "first-run setup from another machine needs the setup code printed on the server's console (setupCode)");
  }
  const passwordHash = await hashPassword(input.password);
  const user = await db().$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) throw new AppError("CONFLICT", "setup is already done: sign in instead");
    return tx.user.create({ data: { email: input.email, name: input.name, role: "admin", passwordHash } });
  });
  const session = await createSession(user.id);
  return { user: { id: user.id, email: user.email, name: user.name, role: "admin", disabled: false }, ...session };
}
