import "server-only";
import type { SetupBody, UserView } from "@/lib/schemas/auth";
import { db } from "../db";
import { AppError } from "../http/errors";
import { hashPassword } from "./password";
import { createSession } from "./sessions";

export async function hasAnyUser(): Promise<boolean> {
  return (await db().user.count()) > 0;
}

/** First run: the very first account becomes admin. Refused once any user exists. */
export async function setUpFirstAdmin(input: SetupBody): Promise<{ user: UserView; token: string; expiresAt: Date }> {
  const passwordHash = await hashPassword(input.password);
  const user = await db().$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) throw new AppError("CONFLICT", "setup is already done: sign in instead");
    return tx.user.create({ data: { email: input.email, name: input.name, role: "admin", passwordHash } });
  });
  const session = await createSession(user.id);
  return { user: { id: user.id, email: user.email, name: user.name, role: "admin", disabled: false }, ...session };
}
