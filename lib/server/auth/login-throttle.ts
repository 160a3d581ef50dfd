import "server-only";
import { afterFailure, LOGIN_LIMITS, retryAfterSeconds, type ThrottleLimit } from "@/lib/domain/auth/login-throttle";
import { db } from "../db";
import { AppError } from "../http/errors";

export interface ThrottleKeys {
  account: string;
  address: string;
}

export function throttleKeys(email: string, address: string): ThrottleKeys {
  return { account: `account:${email.trim().toLowerCase()}`, address: `address:${address}` };
}

const LIMIT_OF = (key: string): ThrottleLimit => (key.startsWith("account:") ? LOGIN_LIMITS.account : LOGIN_LIMITS.address);

/** Throws RATE_LIMITED (429, Retry-After) while the account or the client address is over its limit. */
export async function assertNotThrottled(keys: ThrottleKeys, now = new Date()): Promise<void> {
  const rows = await db().loginThrottle.findMany({ where: { key: { in: [keys.account, keys.address] } } });
  for (const row of rows) {
    const wait = retryAfterSeconds(row, LIMIT_OF(row.key), now);
    if (wait > 0) {
      const who = row.key === keys.account ? "this account" : "your address";
      throw new AppError("RATE_LIMITED", `too many failed sign-ins for ${who}: try again in ${wait} s`, { extra: { retryAfterSeconds: wait } });
    }
  }
}

/** Counts one failed sign-in for the account and the address (serialized by the transaction). */
export async function recordFailure(keys: ThrottleKeys, now = new Date()): Promise<void> {
  await db().$transaction(async (tx) => {
    for (const key of [keys.account, keys.address]) {
      const next = afterFailure(await tx.loginThrottle.findUnique({ where: { key } }), LIMIT_OF(key), now);
      await tx.loginThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
    }
  });
}

/** A successful sign-in clears the account's count (the address keeps its own). */
export async function clearAccount(keys: ThrottleKeys): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key: keys.account } });
}
