import { describe, expect, it } from "vitest";
import { afterFailure, LOGIN_LIMITS, retryAfterSeconds, type ThrottleState } from "./login-throttle";

const t0 = new Date("2026-12-01T10:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe("sign-in throttling", () => {
  it("allows ten failures for an account and refuses the eleventh attempt until the window ends", () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 10; i++) {
      expect(retryAfterSeconds(state, LOGIN_LIMITS.account, at(i))).toBe(0);
      state = afterFailure(state, LOGIN_LIMITS.account, at(i));
    }
    expect(state).toEqual({ failures: 10, windowStartedAt: t0 });
    expect(retryAfterSeconds(state, LOGIN_LIMITS.account, at(10))).toBe(890);
    expect(retryAfterSeconds(state, LOGIN_LIMITS.account, at(899.5))).toBe(1);
    expect(retryAfterSeconds(state, LOGIN_LIMITS.account, at(900))).toBe(0);
  });

  it("starts a new window after the old one ends", () => {
    const old = { failures: 10, windowStartedAt: t0 };
    expect(afterFailure(old, LOGIN_LIMITS.account, at(901))).toEqual({ failures: 1, windowStartedAt: at(901) });
    expect(afterFailure({ failures: 3, windowStartedAt: t0 }, LOGIN_LIMITS.address, at(60))).toEqual({ failures: 4, windowStartedAt: t0 });
  });
});
