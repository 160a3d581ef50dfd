import "server-only";
import { isRole } from "@/lib/domain/auth/roles";
import type { SignInBody, UserView } from "@/lib/schemas/auth";
import { db } from "../db";
import { AppError } from "../http/errors";
import { assertNotThrottled, clearAccount, recordFailure, throttleKeys } from "./login-throttle";
import { verifyInSlot, withHashingSlot } from "./password";
import { createSession } from "./sessions";

// Hash of a throwaway password, compared when the email is unknown so that timing does not
// reveal which emails have accounts.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/**
 * Sign-in, throttled per account and per client address (429 + Retry-After before any hashing),
 * with the password compared in one of the few hashing slots; the throttle is read again once the
 * slot is ours, so a queued flood stops at the limit instead of hashing on.
 */
export async function signIn(input: SignInBody, clientAddress: string): Promise<{ user: UserView; token: string; expiresAt: Date }> {
  const keys = throttleKeys(input.email, clientAddress);
  await assertNotThrottled(keys);
  const user = await db().user.findUnique({ where: { email: input.email } });
  const ok = await withHashingSlot(async () => {
    await assertNotThrottled(keys);
    return verifyInSlot(input.password, user?.passwordHash ?? DUMMY_HASH);
  });
  if (!user || !ok || !isRole(user.role)) {
    await recordFailure(keys);
    throw new AppError("UNAUTHENTICATED", "email or password is wrong");
  }
  if (user.disabledAt) throw new AppError("UNAUTHENTICATED", "this account is disabled: ask an admin");
  await clearAccount(keys);
  const session = await createSession(user.id);
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role, disabled: false }, ...session };
}
