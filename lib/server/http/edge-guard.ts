import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import { env } from "../env";
import type { ErrorCode } from "./errors";
import { problemBody, problemHeaders } from "./problem";
import { STATIC_SECURITY_HEADERS } from "./security-headers";

/**
 * The first code every HTTP request meets, before Next.js parses it. Next answers some bad input
 * with a bare 500 before any handler or proxy runs (a path with broken percent-encoding such as
 * /api/incidents/%ZZ fails its route matching; TRACE makes its Request constructor throw), and it
 * keeps a client's own X-Forwarded-* headers, so only this layer sees the real peer address.
 */

const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const FORWARDED_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"];

/** The socket's remote address, set here on every request (a client's own value is dropped). */
export const PEER_HEADER = "x-ripcord-peer";
/** "1" when the request carried X-Forwarded-For/-Host/-Proto/-Port or Forwarded (a proxy in front, trusted or not). */
export const PROXIED_HEADER = "x-ripcord-proxied";
/** Proves PEER_HEADER was set by this process: a per-process secret, never sent to clients. */
export const EDGE_HEADER = "x-ripcord-edge";

interface Refusal {
  code: ErrorCode;
  detail: string;
  allow?: string;
}

/** What the edge answers for a request line, or null to hand it to Next. Pure. */
export function edgeVerdict(method: string, url: string): Refusal | null {
  if (!ALLOWED_METHODS.includes(method)) {
    return { code: "METHOD_NOT_ALLOWED", detail: `the ${method} method is not supported; use one of ${ALLOWED_METHODS.join(", ")}`, allow: ALLOWED_METHODS.join(", ") };
  }
  if (!url.startsWith("/")) return { code: "BAD_REQUEST", detail: "the request target must be a path starting with /" };
  const path = url.split(/[?#]/, 1)[0] ?? "";
  try {
    decodeURIComponent(path);
  } catch {
    return { code: "BAD_REQUEST", detail: "the path has malformed percent-encoding (a % must be followed by two hex digits of valid UTF-8)" };
  }
  return null;
}

const STATE = Symbol.for("ripcord.edgeGuard");
type Holder = typeof globalThis & { [STATE]?: { secret: string } };

/** The secret of the installed guard; null before it is installed (then no peer header is trusted). */
export function edgeSecret(): string | null {
  return (globalThis as Holder)[STATE]?.secret ?? null;
}

function refuse(res: http.ServerResponse, refusal: Refusal): void {
  const requestId = randomUUID();
  const body = problemBody(refusal.code, refusal.detail, requestId);
  res.writeHead(body.status, { ...STATIC_SECURITY_HEADERS, ...problemHeaders(requestId), ...(refusal.allow ? { allow: refusal.allow } : {}) });
  res.end(JSON.stringify(body));
}

/** Installs the guard on every HTTP server of this process (once; `next start` creates one). */
export function installEdgeGuard(): void {
  const holder = globalThis as Holder;
  if (holder[STATE]) return;
  const secret = randomBytes(24).toString("base64url");
  holder[STATE] = { secret };
  const trustProxy = env().RIPCORD_TRUST_PROXY;
  const proto = http.Server.prototype as unknown as { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  const emit = proto.emit;
  proto.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      const refusal = edgeVerdict(req.method ?? "", req.url ?? "");
      if (refusal) {
        refuse(res, refusal);
        return true;
      }
      req.headers[PROXIED_HEADER] = FORWARDED_HEADERS.some((name) => req.headers[name] !== undefined) ? "1" : "0";
      // Without a trusted proxy these headers are the client's word: drop them, so Next fills
      // them from the socket and the Host header.
      if (!trustProxy) for (const name of FORWARDED_HEADERS) delete req.headers[name];
      req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "unknown";
      req.headers[EDGE_HEADER] = secret;
    }
    return emit.call(this, event, ...args);
  };
}
