import "server-only";
import { env } from "../env";
import { EDGE_HEADER, PEER_HEADER, PROXIED_HEADER, edgeSecret } from "./edge-guard";

/**
 * The address of the client that sent the request: the socket's peer, or, behind a trusted
 * proxy (RIPCORD_TRUST_PROXY), the address the proxy appended last to X-Forwarded-For (what
 * comes before it is the client's own claim). "unknown" when the edge guard did not see it.
 */
export function clientAddress(headers: Headers): string {
  const secret = edgeSecret();
  const peer = secret && headers.get(EDGE_HEADER) === secret ? headers.get(PEER_HEADER) : null;
  if (env().RIPCORD_TRUST_PROXY) {
    const forwarded = headers.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
    if (forwarded) return forwarded.slice(0, 64);
  }
  return peer ? peer.replace(/^::ffff:/, "") : "unknown";
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1)$/;

/**
 * Whether the request comes from the server's own machine: a loopback peer seen by the edge guard,
 * not relayed by a proxy (a proxy on the same host makes every client a loopback peer) — or, behind
 * a trusted proxy, a loopback forwarded client. Unknown (no edge guard) is not loopback.
 */
export function isLoopbackClient(headers: Headers): boolean {
  const secret = edgeSecret();
  if (!secret || headers.get(EDGE_HEADER) !== secret) return false;
  if (!env().RIPCORD_TRUST_PROXY && headers.get(PROXIED_HEADER) === "1") return false;
  return LOOPBACK.test(clientAddress(headers));
}

/** The host the client addressed: Host, or X-Forwarded-Host only behind a trusted proxy. */
export function requestHost(headers: Headers): string | null {
  if (env().RIPCORD_TRUST_PROXY) {
    const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return headers.get("host");
}
