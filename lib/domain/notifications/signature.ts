/**
 * Delivery signatures (docs/notifications.md): with a channel secret, every request carries
 *   X-Ripcord-Timestamp: <unix seconds>
 *   X-Ripcord-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 * The receiver recomputes it over the raw body and compares in constant time, and refuses
 * timestamps far from its clock (a replayed request keeps its old timestamp).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-ripcord-signature";
export const TIMESTAMP_HEADER = "x-ripcord-timestamp";
export const DELIVERY_HEADER = "x-ripcord-delivery";
export const EVENT_HEADER = "x-ripcord-event";

export function signature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does: true when `header` is the signature of `body` at `timestamp` and the timestamp is within `toleranceSeconds` of `nowSeconds`. */
export function verifySignature(secret: string, timestamp: number, body: string, header: string | null, nowSeconds: number, toleranceSeconds = 300): boolean {
  if (!header || !Number.isFinite(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signature(secret, timestamp, body));
  const got = Buffer.from(header);
  return expected.length === got.length && timingSafeEqual(expected, got);
}
