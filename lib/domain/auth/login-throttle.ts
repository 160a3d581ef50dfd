/**
 * Sign-in throttling, per account and per client address: failed sign-ins are counted in a fixed
 * window that starts at the first failure; at the limit, further attempts are refused (429 with
 * Retry-After) until the window ends, without hashing the password. Pure.
 */

export interface ThrottleLimit {
  /** failed sign-ins allowed in one window */
  failures: number;
  windowSeconds: number;
}

/** Ten wrong passwords for an account in 15 minutes; thirty from one address (several accounts). */
export const LOGIN_LIMITS = {
  account: { failures: 10, windowSeconds: 15 * 60 },
  address: { failures: 30, windowSeconds: 15 * 60 },
} as const satisfies Record<string, ThrottleLimit>;

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
}

const windowOver = (state: ThrottleState, limit: ThrottleLimit, now: Date) => now.getTime() >= state.windowStartedAt.getTime() + limit.windowSeconds * 1000;

/** Seconds until the next attempt is allowed; 0 when it is allowed now. */
export function retryAfterSeconds(state: ThrottleState | null, limit: ThrottleLimit, now: Date): number {
  if (!state || windowOver(state, limit, now) || state.failures < limit.failures) return 0;
  return Math.max(1, Math.ceil((state.windowStartedAt.getTime() + limit.windowSeconds * 1000 - now.getTime()) / 1000));
}

/** The state after one more failure: counted in the running window, or the first of a new one. */
export function afterFailure(state: ThrottleState | null, limit: ThrottleLimit, now: Date): ThrottleState {
  if (!state || windowOver(state, limit, now)) return { failures: 1, windowStartedAt: now };
  return { failures: state.failures + 1, windowStartedAt: state.windowStartedAt };
}
