import { z } from "zod";

export const CLUSTER_ENVIRONMENTS = ["production", "non-production"] as const;
export type ClusterEnvironment = (typeof CLUSTER_ENVIRONMENTS)[number];

export const ClusterParams = z.object({ name: z.string().trim().min(1).max(64) });

export const PutClusterSettingBody = z.object({ environment: z.enum(CLUSTER_ENVIRONMENTS) });
export type PutClusterSettingBody = z.infer<typeof PutClusterSettingBody>;

export const ClusterSettingView = z.object({
  cluster: z.string(),
  environment: z.enum(CLUSTER_ENVIRONMENTS),
  drillsAllowed: z.boolean(),
  /** a cluster this server is configured for (the clusters file, or KAFKA_CLUSTER_NAME) */
  configured: z.boolean(),
  /** where the environment comes from: the clusters file (not changeable here) or this setting */
  environmentSource: z.enum(["clusters-file", "setting"]),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type ClusterSettingView = z.infer<typeof ClusterSettingView>;

export const StartDrillBody = z.object({
  scenario: z.string().trim().min(1).max(64),
  cluster: z.string().trim().min(1).max(64),
  /** auto-stop after this long (30 s to 1 h; default 10 min) */
  durationSeconds: z.number().int().min(30).max(3600).default(600),
  /** game-day mode: the injected cause stays out of the incident until the drill is stopped */
  gameDay: z.boolean().default(true),
});
export type StartDrillBody = z.infer<typeof StartDrillBody>;

export const DrillParams = z.object({ id: z.string().min(1).max(64) });

export const DRILL_STATES = ["running", "stopping", "stopped", "failed"] as const;

export const ScenarioView = z.object({
  id: z.string(),
  title: z.string(),
  seed: z.string(),
  needsNodes: z.number().int(),
  /** the cause shows only in broker metrics; `metricsConfigured` says whether this server reads a Prometheus */
  needsMetrics: z.boolean(),
  metricsConfigured: z.boolean(),
  /** null in game-day listings is never used: the page hides it until asked */
  injectedCause: z.string().nullable(),
});
export type ScenarioView = z.infer<typeof ScenarioView>;

export const DrillView = z.object({
  id: z.string(),
  scenario: z.string(),
  title: z.string(),
  seed: z.string(),
  cluster: z.string(),
  incidentId: z.string(),
  gameDay: z.boolean(),
  /** hidden (null) while a game-day drill runs */
  injectedCause: z.string().nullable(),
  state: z.enum(DRILL_STATES),
  startedAt: z.string(),
  deadline: z.string(),
  stoppedAt: z.string().nullable(),
  stopReason: z.string().nullable(),
  startedBy: z.string(),
  topics: z.array(z.string()),
  groups: z.array(z.string()),
  /** the injected condition has shown in the drill's own samples */
  established: z.boolean(),
  error: z.string().nullable(),
});
export type DrillView = z.infer<typeof DrillView>;
