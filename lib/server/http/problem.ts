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

export function problem(
  code: ErrorCode,
  detail: string,
  requestId: string,
  extra: { errors?: FieldError[]; [key: string]: unknown } = {},
): Response {
  const status = ERROR_STATUS[code];
  const body: ProblemBody = {
    type: `https://ripcord.dev/problems/${code.toLowerCase().replaceAll("_", "-")}`,
    title: TITLES[code],
    status,
    detail,
    code,
    requestId,
    ...extra,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", "x-request-id": requestId },
  });
}
