import "server-only";
import { isRole } from "@/lib/domain/auth/roles";
import type { SignInBody, UserView } from "@/lib/schemas/auth";
import { db } from "../db";
import { AppError } from "../http/errors";
import { verifyPassword } from "./password";
import { createSession } from "./sessions";

// Hash of a throwaway password, compared when the email is unknown so that timing does not
// reveal which emails have accounts.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

export async function signIn(input: SignInBody): Promise<{ user: UserView; token: string; expiresAt: Date }> {
  const user = await db().user.findUnique({ where: { email: input.email } });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !isRole(user.role)) throw new AppError("UNAUTHENTICATED", "email or password is wrong");
  if (user.disabledAt) throw new AppError("UNAUTHENTICATED", "this account is disabled: ask an admin");
  const session = await createSession(user.id);
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role, disabled: false }, ...session };
}
