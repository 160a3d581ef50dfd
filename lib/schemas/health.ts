import { z } from "zod";

export const KafkaHealth = z.object({
  /** auth-failed: the brokers answer but reject the credentials (KAFKA_SASL_*): a fix in config, not in Kafka. */
  status: z.enum(["connected", "unreachable", "auth-failed", "not-configured"]),
  brokers: z.string().nullable(),
  brokerCount: z.number().int().nullable(),
  clusterId: z.string().nullable(),
  /** Why live evidence is unavailable, in plain words. */
  error: z.string().nullable(),
  checkedAt: z.string(),
  latencyMs: z.number().nullable(),
});
export type KafkaHealth = z.infer<typeof KafkaHealth>;

export const Health = z.object({
  status: z.enum(["ok", "degraded"]),
  version: z.string(),
  database: z.object({ status: z.enum(["ok", "error"]), error: z.string().nullable() }),
  kafka: KafkaHealth,
});
export type Health = z.infer<typeof Health>;
