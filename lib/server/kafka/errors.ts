/**
 * Our own error type for everything that talks to Kafka. Callers branch on `code`; `message`
 * is one human line (never a stack or a raw protocol dump).
 *
 * No `import "server-only"` here: the evidence CLI (scripts/evidence.ts) imports the gateway
 * under plain Node, where the marker package throws. registry.ts, the entry point the Next
 * server uses, carries the marker; the lint rule keeps kafkajs inside lib/server/kafka.
 */
export type KafkaErrorCode =
  | "KAFKA_UNREACHABLE"
  | "KAFKA_AUTH_FAILED"
  | "KAFKA_TIMEOUT"
  | "KAFKA_NOT_AUTHORIZED"
  | "UNKNOWN_TOPIC"
  | "UNKNOWN_GROUP"
  | "GROUP_HAS_ACTIVE_MEMBERS"
  | "INVALID_REQUEST"
  | "CONFIG_UNREADABLE"
  | "KAFKA_ERROR";

const GATEWAY_ERROR_BRAND = Symbol.for("ripcord.kafka.KafkaGatewayError");

export class KafkaGatewayError extends Error {
  override readonly name = "KafkaGatewayError";
  readonly [GATEWAY_ERROR_BRAND] = true;
  constructor(
    readonly code: KafkaErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /**
   * `instanceof` by brand, not by class identity: Next bundles the start-up hook and each route
   * separately, so a gateway created at start-up (shared through globalThis) throws errors of
   * another copy of this class than the one a route handler imports.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[GATEWAY_ERROR_BRAND] === true;
  }
}

interface KafkaJsLikeError {
  name?: string;
  type?: string;
  code?: string;
  message?: string;
  originalError?: unknown;
  cause?: unknown;
}

function asLike(value: unknown): KafkaJsLikeError | null {
  return typeof value === "object" && value !== null ? (value as KafkaJsLikeError) : null;
}

/** The innermost error kafkajs wrapped (retries wrap the last attempt's error in originalError). */
function innermost(error: unknown): KafkaJsLikeError | null {
  let current = asLike(error);
  for (let depth = 0; current && depth < 5; depth++) {
    const next = asLike(current.originalError) ?? (current.name !== "KafkaGatewayError" ? asLike(current.cause) : null);
    if (!next) break;
    current = next;
  }
  return current;
}

const SOCKET_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host lookup failed",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ECONNRESET: "connection reset",
};

/**
 * Maps anything kafkajs (or the network) throws into a KafkaGatewayError.
 * `where` names the cluster (e.g. "127.0.0.1:9092") for the unreachable/timeout messages.
 */
export function toGatewayError(error: unknown, where: string, context?: { topic?: string; group?: string }): KafkaGatewayError {
  if (error instanceof KafkaGatewayError) return error;
  const outer = asLike(error);
  const inner = innermost(error) ?? outer;
  const names = [outer?.name, inner?.name];
  const types = [outer?.type, inner?.type];
  const rawMessage = (inner?.message ?? outer?.message ?? String(error)).split("\n")[0] ?? "";
  const socket = [outer?.code, inner?.code].find((c): c is string => typeof c === "string" && c in SOCKET_CODES);
  const has = (t: string) => types.includes(t);

  if (names.includes("KafkaJSSASLAuthenticationError") || has("SASL_AUTHENTICATION_FAILED") || has("ILLEGAL_SASL_STATE")) {
    return new KafkaGatewayError("KAFKA_AUTH_FAILED", `authentication to Kafka at ${where} failed: ${rawMessage}`, { cause: error });
  }
  if (has("TOPIC_AUTHORIZATION_FAILED") || has("GROUP_AUTHORIZATION_FAILED") || has("CLUSTER_AUTHORIZATION_FAILED")) {
    return new KafkaGatewayError("KAFKA_NOT_AUTHORIZED", `not authorized on Kafka at ${where}: ${rawMessage}`, { cause: error });
  }
  if (has("UNKNOWN_TOPIC_OR_PARTITION") || has("UNKNOWN_TOPIC_ID")) {
    const what = context?.topic ? `topic "${context.topic}"` : "topic";
    return new KafkaGatewayError("UNKNOWN_TOPIC", `${what} does not exist on ${where}`, { cause: error });
  }
  if (has("GROUP_ID_NOT_FOUND")) {
    return new KafkaGatewayError("UNKNOWN_GROUP", `group "${context?.group ?? "?"}" does not exist on ${where}`, { cause: error });
  }
  if (has("NON_EMPTY_GROUP") || has("UNKNOWN_MEMBER_ID") || has("REBALANCE_IN_PROGRESS")) {
    return new KafkaGatewayError("GROUP_HAS_ACTIVE_MEMBERS", `group "${context?.group ?? "?"}" has active members; stop its consumers first`, { cause: error });
  }
  if (has("INVALID_PARTITIONS") || has("INVALID_CONFIG") || has("INVALID_REQUEST") || has("POLICY_VIOLATION") || has("INVALID_REPLICATION_FACTOR")) {
    return new KafkaGatewayError("INVALID_REQUEST", `Kafka rejected the request: ${rawMessage}`, { cause: error });
  }
  if (names.includes("KafkaJSRequestTimeoutError") || has("REQUEST_TIMED_OUT") || names.includes("KafkaJSLockTimeout")) {
    return new KafkaGatewayError("KAFKA_TIMEOUT", `Kafka at ${where} did not answer in time`, { cause: error });
  }
  if (socket) {
    return new KafkaGatewayError("KAFKA_UNREACHABLE", `cannot reach Kafka at ${where}: ${SOCKET_CODES[socket]}`, { cause: error });
  }
  if (names.includes("KafkaJSConnectionError") || names.includes("KafkaJSBrokerNotFound") || names.includes("KafkaJSConnectionClosedError")) {
    const reason = /timeout/i.test(rawMessage) ? "connection timed out" : rawMessage || "connection failed";
    return new KafkaGatewayError("KAFKA_UNREACHABLE", `cannot reach Kafka at ${where}: ${reason}`, { cause: error });
  }
  return new KafkaGatewayError("KAFKA_ERROR", `Kafka error at ${where}: ${rawMessage || "unknown error"}`, { cause: error });
}

/** Rejects with KAFKA_TIMEOUT when `work` has not settled after `ms` (the last guard against a hung call). */
export async function withDeadline<T>(work: Promise<T>, ms: number, where: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KafkaGatewayError("KAFKA_TIMEOUT", `Kafka at ${where} did not answer within ${ms} ms`)), ms);
    timer.unref?.();
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
