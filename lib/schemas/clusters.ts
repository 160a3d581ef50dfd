import { z } from "zod";
import { CLUSTER_HEALTH_STATES } from "@/lib/domain/clusters/health";
import { CLUSTER_ENVIRONMENTS } from "./drills";

export const ClusterView = z.object({
  name: z.string(),
  environment: z.enum(CLUSTER_ENVIRONMENTS),
  environmentSource: z.enum(["clusters-file", "setting"]),
  /** the cluster used where nothing names one (alerts without a cluster label, old links) */
  default: z.boolean(),
  source: z.enum(["clusters-file", "KAFKA_BROKERS"]),
  /** bootstrap servers as configured (never credentials) */
  brokers: z.array(z.string()),
  tls: z.boolean(),
  /** the SASL mechanism and user; the password is never shown */
  sasl: z.object({ mechanism: z.string(), username: z.string() }).nullable(),
  prometheusConfigured: z.boolean(),
  health: z.object({
    state: z.enum(CLUSTER_HEALTH_STATES),
    /** brokers in the newest sample */
    brokerCount: z.number().int().nullable(),
    lastError: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
    lastSampleAt: z.string().nullable(),
    lastSampleAgeSeconds: z.number().nullable(),
    /** this instance samples the cluster (false: it follows another instance's stored samples) */
    leader: z.boolean(),
  }),
});
export type ClusterView = z.infer<typeof ClusterView>;

export const ClusterList = z.object({
  defaultCluster: z.string().nullable(),
  clusters: z.array(ClusterView),
});
export type ClusterList = z.infer<typeof ClusterList>;
