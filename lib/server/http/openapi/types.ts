import type { z } from "zod";
import type { Role } from "@/lib/domain/auth/roles";

/** One documented operation. Each feature lists its own in a file beside this one. */
export interface Operation {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  tag: string;
  auth: "public" | Role;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Content type of the success response when it is not JSON (e.g. text/event-stream). */
  responseType?: string;
  status?: number;
}
