/**
 * When to try a delivery again (pure). Delivered: any 2xx. Tried again later, with backoff:
 * no answer within the timeout, a network error, 408, 425, 429 and every 5xx (the receiver is
 * down or busy; nothing is lost while it is). Failed at once: any other 4xx (the receiver
 * refuses this request: a revoked Slack webhook answers 404, retrying would not help). The
 * backoff doubles from `baseMs` up to `maxMs`; a `Retry-After` the receiver sends is honoured
 * within the same bounds. After `giveUpAfterMs` since it was queued a delivery is failed and
 * stays visible to admins, who can send it again.
 */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  giveUpAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 5_000, maxMs: 10 * 60_000, giveUpAfterMs: 24 * 60 * 60_000 };

export type AttemptOutcome = "delivered" | "retry" | "refused";

/** What an attempt's HTTP status (null: no answer) means for the delivery. */
export function attemptOutcome(status: number | null): AttemptOutcome {
  if (status === null) return "retry";
  if (status >= 200 && status < 300) return "delivered";
  if (status === 408 || status === 425 || status === 429 || status >= 500) return "retry";
  return "refused";
}

/** Delay before attempt `attempts + 1` (attempts already made ≥ 1). */
export function backoffMs(attempts: number, policy: RetryPolicy, retryAfterMs: number | null = null): number {
  const exponential = policy.baseMs * 2 ** Math.max(0, attempts - 1);
  const wanted = retryAfterMs !== null && retryAfterMs > 0 ? Math.max(retryAfterMs, policy.baseMs) : exponential;
  return Math.min(policy.maxMs, wanted);
}

/** The next attempt's time (epoch ms), or null when the delivery should give up. */
export function nextAttemptAt(attempts: number, queuedAt: number, now: number, policy: RetryPolicy, retryAfterMs: number | null = null): number | null {
  const at = now + backoffMs(attempts, policy, retryAfterMs);
  return at - queuedAt > policy.giveUpAfterMs ? null : at;
}

/** A Retry-After header (seconds or an HTTP date) in ms, or null. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}
