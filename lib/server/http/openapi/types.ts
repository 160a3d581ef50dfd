import type { z } from "zod";
import type { Access } from "@/lib/domain/auth/access";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/**
 * One operation of the HTTP API, declared once: the route handler passes it to `route()`
 * (which enforces `auth` and parses `params`/`query`/`body` with these schemas) and the OpenAPI
 * document is generated from the same objects. Each feature lists its own in a file beside this one.
 */
export interface Operation {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  /** who may call: anyone, a signed-in principal with at least this role, or an alert-source token */
  auth: Access;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Content type of the success response when it is not JSON (e.g. text/event-stream). */
  responseType?: string;
  status?: number;
  /** Refuse larger bodies with 413 before parsing; default 64 KiB. */
  maxBodyBytes?: number;
}

/** Keeps each operation's literal types (auth, schemas) so route handlers get typed params/query/body. */
export function defineOperations<const T extends Record<string, Operation>>(operations: T): T {
  return operations;
}
