import "server-only";
import path from "node:path";
import { z } from "zod";
import { PrometheusConfigError, prometheusConfigFrom } from "@/lib/domain/broker-metrics/config";

/**
 * The one place that reads process.env. Every variable is documented in README.md's
 * environment table; a bad value stops start-up with a message naming the variable.
 */
const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const positiveInt = z.coerce.number().int().positive();

const EnvSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must be a SQLite URL (file:…) or a PostgreSQL URL (postgresql://…)")
      .default(`file:${path.join(process.cwd(), "data", "ripcord.db")}`),
    /** PostgreSQL only: connections this instance keeps open (two instances use twice as many). */
    DATABASE_POOL_SIZE: positiveInt.default(10),
    KAFKA_BROKERS: z
      .string()
      .regex(/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/, "must be a comma-separated list of host:port")
      .optional(),
    KAFKA_CLUSTER_NAME: z.string().min(1).max(64).default("local"),
    /** Several clusters: a YAML file of them (lib/domain/clusters/clusters-file.ts); KAFKA_BROKERS is then not used. */
    RIPCORD_CLUSTERS_FILE: z.string().min(1).optional(),
    KAFKA_CLIENT_ID: z.string().min(1).default("ripcord"),
    KAFKA_SSL: booleanFlag.default(false),
    KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
    KAFKA_SSL_CERT_FILE: z.string().min(1).optional(),
    KAFKA_SSL_KEY_FILE: z.string().min(1).optional(),
    KAFKA_SSL_REJECT_UNAUTHORIZED: booleanFlag.default(true),
    KAFKA_SASL_MECHANISM: z.enum(["plain", "scram-sha-256", "scram-sha-512"]).optional(),
    KAFKA_SASL_USERNAME: z.string().min(1).optional(),
    KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
    KAFKA_CONNECT_TIMEOUT_MS: positiveInt.default(3000),
    KAFKA_REQUEST_TIMEOUT_MS: positiveInt.default(5000),
    /** The local Kafka started by `npm start` when KAFKA_BROKERS is unset. */
    KAFKA_PORT: positiveInt.default(9092),
    RIPCORD_SESSION_DAYS: positiveInt.default(7),
    /** Least role that may approve a high-blast-radius Kafka action (never viewer). */
    RIPCORD_APPROVER_ROLE: z.enum(["responder", "commander", "admin"]).default("responder"),
    /** How long a second person's approval of a guarded action (or of its rollback) stays valid. */
    RIPCORD_APPROVAL_MINUTES: z.coerce.number().positive().max(24 * 60).default(30),
    RIPCORD_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    /** Behind a reverse proxy: trust its X-Forwarded-For/-Host/-Proto (never set this when clients reach Ripcord directly). */
    RIPCORD_TRUST_PROXY: booleanFlag.default(false),
    /** A Prometheus scraping the brokers' JMX exporter (broker metrics); unset: broker metrics are not visible. Checked by prometheusConfigFrom. */
    PROMETHEUS_URL: z.string().optional(),
    PROMETHEUS_BEARER_TOKEN: z.string().optional(),
    PROMETHEUS_USERNAME: z.string().optional(),
    PROMETHEUS_PASSWORD: z.string().optional(),
    PROMETHEUS_TIMEOUT_MS: z.string().optional(),
    PROMETHEUS_SELECTOR: z.string().optional(),
    PROMETHEUS_BROKER_LABEL: z.string().optional(),
    PROMETHEUS_RATE_WINDOW: z.string().optional(),
    /** How often the evidence sampler samples the cluster (ms): every judgement reads its history; leadership is retried at it. */
    RIPCORD_SAMPLE_INTERVAL_MS: z.coerce.number().int().min(1000).max(300_000).default(10_000),
    /** The freshness watch (docs/freshness-watch.md): "on" evaluates every catalogued stream after each sample; "off" (the test suites' default, where unrelated tests lag catalogued groups on purpose). */
    RIPCORD_FRESHNESS_WATCH: z.enum(["on", "off"]).default("on"),
    /** no-commit rule: members alive, nothing committed for this long while records wait (and at least 3 sampling intervals). */
    RIPCORD_WATCH_NO_COMMIT_SECONDS: positiveInt.default(60),
    /** zero-throughput rule: records arrive and none is processed for this long. */
    RIPCORD_WATCH_ZERO_THROUGHPUT_SECONDS: positiveInt.default(60),
    /** a breached stream counts as recovered after this long without tripping a rule (one incident per flapping stream). */
    RIPCORD_WATCH_RECOVERY_SECONDS: positiveInt.default(120),
    /** The dashboard's HTTP port (next start -p): notification channels may not point back at it. */
    PORT: positiveInt.max(65535).default(3000),
    /** The dashboard's address as people reach it, for links in notifications (default http://localhost:PORT). */
    RIPCORD_PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    /** A notification attempt that gets no answer within this many ms is abandoned (and retried later). */
    RIPCORD_NOTIFY_TIMEOUT_MS: positiveInt.max(120_000).default(5000),
    /** First retry delay of a failed notification; it doubles per attempt up to RIPCORD_NOTIFY_RETRY_MAX_MS. */
    RIPCORD_NOTIFY_RETRY_BASE_MS: positiveInt.default(5000),
    RIPCORD_NOTIFY_RETRY_MAX_MS: positiveInt.default(600_000),
    /** Notifications sent at the same time (each held at most RIPCORD_NOTIFY_TIMEOUT_MS). */
    RIPCORD_NOTIFY_WORKERS: positiveInt.max(64).default(4),
  })
  .superRefine((env, ctx) => {
    try {
      prometheusConfigFrom(prometheusVariables(env));
    } catch (error) {
      if (!(error instanceof PrometheusConfigError)) throw error;
      ctx.addIssue({ code: "custom", path: [error.variable], message: error.message.slice(error.variable.length + 2) });
    }
    if (env.RIPCORD_CLUSTERS_FILE && env.KAFKA_BROKERS) {
      ctx.addIssue({ code: "custom", path: ["RIPCORD_CLUSTERS_FILE"], message: "set either RIPCORD_CLUSTERS_FILE (several clusters) or KAFKA_BROKERS (one cluster), not both" });
    }
    if (env.KAFKA_SASL_MECHANISM && (!env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD)) {
      ctx.addIssue({
        code: "custom",
        path: ["KAFKA_SASL_USERNAME"],
        message: "KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required when KAFKA_SASL_MECHANISM is set",
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** The PROMETHEUS_* variables (all strings) for prometheusConfigFrom. */
export function prometheusVariables(e: Pick<Env, `PROMETHEUS_${string}` & keyof Env>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(e).filter(([k]) => k.startsWith("PROMETHEUS_"))) as Record<string, string | undefined>;
}

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset" (shell exports like KAFKA_BROKERS= are common).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`);
    throw new EnvError(`invalid environment: ${lines.join("; ")}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change the environment between cases; production never calls this. */
export function resetEnvForTests(): void {
  cached = undefined;
}
