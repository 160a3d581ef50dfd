import "server-only";
import { attemptOutcome, nextAttemptAt, parseRetryAfter, type RetryPolicy } from "@/lib/domain/notifications/retry";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signature } from "@/lib/domain/notifications/signature";
import { db } from "@/lib/server/db";
import { log } from "@/lib/server/log";
import { pointsAtServer } from "./check-channel-url";

export interface SendOptions {
  timeoutMs: number;
  retry: RetryPolicy;
}

const SNIPPET_BYTES = 300;

/** The first bytes of a response body (for the admin's view of a refusal), under the same deadline. */
async function snippet(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < SNIPPET_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString("utf8").slice(0, SNIPPET_BYTES).replace(/\s+/g, " ").trim();
}

function describe(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `no answer within ${timeoutMs} ms (the receiver hangs or is unreachable)`;
  return `could not reach the receiver: ${e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error)}`;
}

/**
 * One attempt of a delivery this worker claimed (status "sending"): POST the stored body —
 * signed when the channel has a secret — with a hard deadline of `timeoutMs` for the whole
 * exchange (connect, headers, the first bytes of the answer), never following redirects. Then
 * delivered, retrying at its backoff time, or failed; the row says which, with the answer.
 */
export async function sendDelivery(deliveryId: string, opts: SendOptions): Promise<void> {
  const row = await db().notificationDelivery.findUnique({ where: { id: deliveryId } });
  if (!row || row.status !== "sending") return;
  const channel = await db().notificationChannel.findUnique({ where: { id: row.channelId } });
  const finish = (data: { status: "delivered" | "retrying" | "failed"; lastStatus?: number | null; lastError?: string | null; nextAttemptAt?: Date }) =>
    db().notificationDelivery.updateMany({
      where: { id: row.id, status: "sending" },
      data: { lockedUntil: null, lastStatus: null, lastError: null, ...data, ...(data.status === "delivered" ? { deliveredAt: new Date() } : {}) },
    });
  if (!channel) {
    await finish({ status: "failed", lastError: `no notification channel named ${row.channelName}` });
    return;
  }
  const loop = await pointsAtServer(channel.url);
  if (loop) {
    await finish({ status: "failed", lastError: `not sent: the channel's URL ${loop}` });
    return;
  }
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "user-agent": "Ripcord-Notifier/1",
    [EVENT_HEADER]: row.event,
    [DELIVERY_HEADER]: row.id,
    [TIMESTAMP_HEADER]: String(timestamp),
  };
  if (channel.secret) headers[SIGNATURE_HEADER] = signature(channel.secret, timestamp, row.body);

  let status: number | null = null;
  let error: string | null = null;
  let retryAfter: number | null = null;
  try {
    const response = await fetch(channel.url, { method: "POST", headers, body: row.body, redirect: "manual", signal: AbortSignal.timeout(opts.timeoutMs) });
    status = response.status;
    retryAfter = parseRetryAfter(response.headers.get("retry-after"), Date.now());
    const text = await snippet(response).catch(() => "");
    if (status < 200 || status >= 300) error = `answered ${status}${text ? `: ${text}` : ""}`;
  } catch (caught) {
    error = describe(caught, opts.timeoutMs);
  }
  const outcome = attemptOutcome(status);
  if (outcome === "delivered") {
    await finish({ status: "delivered", lastStatus: status });
    return;
  }
  const next = outcome === "retry" ? nextAttemptAt(row.attempts, row.createdAt.getTime(), Date.now(), opts.retry, retryAfter) : null;
  if (next === null) {
    const why = outcome === "refused" ? `${error}; not retried (the receiver refuses this request)` : `${error}; gave up after ${row.attempts} attempts`;
    await finish({ status: "failed", lastStatus: status, lastError: why });
    log("warn", "notification failed", { delivery: row.id, channel: row.channelName, error: why });
  } else {
    await finish({ status: "retrying", lastStatus: status, lastError: error, nextAttemptAt: new Date(next) });
  }
}
