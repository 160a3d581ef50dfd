import type { KafkaErrorCode } from "../kafka/errors";

/**
 * Every error a route can answer with, by code. One table maps code → HTTP status so that
 * handlers throw meaning, never status numbers.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  KAFKA_UNAVAILABLE: 503,
  KAFKA_TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** How the Kafka gateway's own error codes answer over HTTP. */
export const KAFKA_ERROR_CODES: Record<KafkaErrorCode, ErrorCode> = {
  KAFKA_UNREACHABLE: "KAFKA_UNAVAILABLE",
  KAFKA_AUTH_FAILED: "KAFKA_UNAVAILABLE",
  KAFKA_TIMEOUT: "KAFKA_TIMEOUT",
  KAFKA_NOT_AUTHORIZED: "FORBIDDEN",
  UNKNOWN_TOPIC: "NOT_FOUND",
  UNKNOWN_GROUP: "NOT_FOUND",
  GROUP_HAS_ACTIVE_MEMBERS: "PRECONDITION_FAILED",
  INVALID_REQUEST: "UNPROCESSABLE",
  CONFIG_UNREADABLE: "KAFKA_UNAVAILABLE",
  KAFKA_ERROR: "KAFKA_UNAVAILABLE",
};

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldError[];
  readonly extra?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { fieldErrors?: FieldError[]; extra?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.extra = options.extra;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
export const forbidden = (message: string) => new AppError("FORBIDDEN", message);
export const conflict = (message: string, extra?: Record<string, unknown>) => new AppError("CONFLICT", message, { extra });
