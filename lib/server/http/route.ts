import "server-only";
import { randomUUID } from "node:crypto";
import { type z } from "zod";
import { checkAccess, type Access } from "@/lib/domain/auth/access";
import { identify, type Principal } from "../auth/identify";
import { requestHost } from "./client-address";
import { log } from "../log";
import { KafkaGatewayError } from "../kafka/errors";
import { AppError, KAFKA_ERROR_CODES, type FieldError } from "./errors";
import type { Operation } from "./openapi/types";
import { problem } from "./problem";

/** The schema an operation declares for a part of the request, or undefined when it declares none. */
type Declared<O, K extends "params" | "query" | "body"> = O extends { [P in K]: infer S } ? (S extends z.ZodType ? z.output<S> : undefined) : undefined;

export interface RouteContext<O extends Operation> {
  request: Request;
  requestId: string;
  principal: O extends { auth: "public" } ? Principal | null : Principal;
  params: Declared<O, "params">;
  query: Declared<O, "query">;
  body: Declared<O, "body">;
}

type NextRouteContext = { params: Promise<Record<string, string | string[]>> };

const DEFAULT_MAX_BODY = 64 * 1024;

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(data), { ...init, headers });
}

function fieldErrors(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}

function parseWith(schema: z.ZodType | undefined, value: unknown, prefix: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    const errors = fieldErrors(result.error, prefix);
    const first = errors[0];
    throw new AppError("VALIDATION_FAILED", first ? `${first.path}: ${first.message}` : `invalid ${prefix}`, { fieldErrors: errors });
  }
  return result.data;
}

async function readBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", `request body is ${declared} bytes; the limit is ${maxBytes}`);
  // The media type itself, not a substring: browsers send `text/plain; application/json` cross-site
  // without a preflight.
  const type = (request.headers.get("content-type") ?? "").split(";", 1)[0]?.trim().toLowerCase();
  if (type !== "application/json") throw new AppError("UNSUPPORTED_MEDIA_TYPE", "send the body with Content-Type: application/json");
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", `request body is over the limit of ${maxBytes} bytes`);
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", "request body is not valid JSON");
  }
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * CSRF: a write that a browser could send on its own (session cookie, or none at all as on sign-in
 * and setup) must come from our own pages. A present Origin must name this host exactly; "null"
 * (sandboxed frames, file: pages) and unparsable values are refused. Without an Origin, a browser's
 * Sec-Fetch-Site still tells a cross-site request apart; other clients (curl, scripts) send neither.
 * Bearer tokens are never attached by a browser, so they need no such check.
 */
function checkOrigin(request: Request, principal: Principal | null): void {
  if (!UNSAFE_METHODS.has(request.method) || principal?.credential.kind === "token") return;
  const origin = request.headers.get("origin");
  if (origin === null) {
    if (request.headers.get("sec-fetch-site") === "cross-site") throw new AppError("FORBIDDEN", "cross-site request refused");
    return;
  }
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError("FORBIDDEN", `cross-site request refused: the Origin header (${origin.slice(0, 100)}) is not a URL`);
  }
  if (!host || host !== requestHost(request.headers)) throw new AppError("FORBIDDEN", "cross-site request refused: the Origin is not this site");
}

/** The one access rule (lib/domain/auth/access.ts), refused with the access the operation needs. */
function checkAccessOf(access: Access, principal: Principal | null): void {
  const verdict = checkAccess(access, principal ? { role: principal.role, tokenKind: principal.credential.tokenKind } : null);
  const extra = { requiredAccess: access };
  switch (verdict) {
    case "allowed":
      return;
    case "unauthenticated":
      throw new AppError("UNAUTHENTICATED", "sign in, or send an API token as Authorization: Bearer", { extra });
    case "below-role":
      throw new AppError("FORBIDDEN", `this needs the ${access} role or higher; you are ${principal?.role}`, { extra });
    case "alert-source-only":
      throw new AppError("FORBIDDEN", "an alert-source token can only deliver alerts (POST /api/alerts/alertmanager or /api/alerts/webhook)", { extra });
    case "needs-alert-source":
      throw new AppError("FORBIDDEN", "alerts are delivered with an alert-source API token (kind alert-source, made by an admin), not a person's session or token", { extra });
  }
}

function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof KafkaGatewayError) return new AppError(KAFKA_ERROR_CODES[error.code], error.message, { extra: { kafkaCode: error.code } });
  return null;
}

/**
 * The one wrapper every route handler goes through: request id → authentication → role →
 * zod parsing of params, query and body → the verb → JSON, or problem+json through one table.
 * The operation (lib/server/http/openapi/*-operations.ts) declares the role and the schemas once,
 * for this wrapper and for the OpenAPI document (a unit test checks each handler passes its own).
 */
export function route<const O extends Operation>(op: O, handler: (ctx: RouteContext<O>) => Promise<unknown> | unknown) {
  return async (request: Request, nextContext?: NextRouteContext): Promise<Response> => {
    const requestId = request.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
    try {
      const principal = await identify(request.headers);
      checkAccessOf(op.auth, principal);
      checkOrigin(request, principal);
      const rawParams = nextContext ? await nextContext.params : {};
      const params = parseWith(op.params, rawParams, "params");
      const url = new URL(request.url);
      const query = parseWith(op.query, Object.fromEntries(url.searchParams), "query");
      const body = op.body ? parseWith(op.body, await readBody(request, op.maxBodyBytes ?? DEFAULT_MAX_BODY), "body") : undefined;
      const ctx = { request, requestId, principal, params, query, body } as RouteContext<O>;
      const result = await handler(ctx);
      const response = result instanceof Response ? result : json(result ?? null);
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      const appError = toAppError(error);
      if (appError) {
        if (appError.status >= 500) log("warn", "request failed", { requestId, code: appError.code, error: appError.message });
        return problem(appError.code, appError.message, requestId, { errors: appError.fieldErrors, ...appError.extra });
      }
      log("error", "unhandled error", { requestId, method: request.method, url: request.url, error });
      return problem("INTERNAL", "something went wrong on the server; the request id is in the server log", requestId);
    }
  };
}
