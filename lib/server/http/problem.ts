import { ERROR_STATUS, type ErrorCode, type FieldError } from "./errors";

/** RFC 9457 problem details, the one error body of the API. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<ErrorCode, string> = {
  BAD_REQUEST: "Bad request",
  VALIDATION_FAILED: "Invalid input",
  UNAUTHENTICATED: "Sign-in required",
  FORBIDDEN: "Not allowed",
  NOT_FOUND: "Not found",
  METHOD_NOT_ALLOWED: "Method not allowed",
  CONFLICT: "Conflict",
  PRECONDITION_FAILED: "Precondition failed",
  PAYLOAD_TOO_LARGE: "Request body too large",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
  UNPROCESSABLE: "Cannot be done",
  RATE_LIMITED: "Too many requests",
  INTERNAL: "Internal error",
  KAFKA_UNAVAILABLE: "Kafka unavailable",
  KAFKA_TIMEOUT: "Kafka timed out",
};

/** The problem+json body for an error code (also written by the HTTP edge guard and the proxy). */
export function problemBody(code: ErrorCode, detail: string, requestId: string, extra: { errors?: FieldError[]; [key: string]: unknown } = {}): ProblemBody {
  // Extra members come first: one named like a standard member ("status", "type"…) must never
  // replace it (a string "status" made the Response itself throw, turning a 409 into a 500).
  return {
    ...extra,
    type: `https://ripcord.dev/problems/${code.toLowerCase().replaceAll("_", "-")}`,
    title: TITLES[code],
    status: ERROR_STATUS[code],
    detail,
    code,
    requestId,
  };
}

/** Headers every problem response carries; Retry-After when the error says when to come back. */
export function problemHeaders(requestId: string, retryAfterSeconds?: unknown): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/problem+json", "x-request-id": requestId, "cache-control": "no-store" };
  if (typeof retryAfterSeconds === "number" && Number.isFinite(retryAfterSeconds)) headers["retry-after"] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  return headers;
}

export function problem(
  code: ErrorCode,
  detail: string,
  requestId: string,
  extra: { errors?: FieldError[]; [key: string]: unknown } = {},
): Response {
  const body = problemBody(code, detail, requestId, extra);
  return new Response(JSON.stringify(body), { status: body.status, headers: problemHeaders(requestId, extra.retryAfterSeconds) });
}
