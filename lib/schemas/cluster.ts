import { z } from "zod";

/**
 * Responses of the Cluster API (/api/cluster…): live evidence from the sampler's history.
 * Times are epoch milliseconds; rates records per second; null means "not known from the
 * history", never zero.
 */

export const ConsumerStatus = z.enum(["ok", "lagging", "stalled", "stopped", "rewound", "rebalancing", "error", "unknown"]);
export type ConsumerStatus = z.infer<typeof ConsumerStatus>;

export const SamplerState = z.object({
  cluster: z.string(),
  brokers: z.string(),
  running: z.boolean(),
  /** This instance samples; false: it follows the samples another instance stores (several instances on PostgreSQL). */
  leader: z.boolean(),
  /** A collection is under way right now. */
  collecting: z.boolean(),
  collectingSince: z.number().nullable(),
  lastAttemptAt: z.number().nullable(),
  lastSampleAt: z.number().nullable(),
  /** Age of the newest sample at answer time, seconds. */
  ageSeconds: z.number().nullable(),
  /** The newest sample is older than two fast intervals, or the last attempt failed. */
  stale: z.boolean(),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.number() }).nullable(),
  consecutiveFailures: z.number().int(),
  samples: z.number().int(),
  windowSeconds: z.number(),
  fastMs: z.number().int(),
  slowMs: z.number().int(),
  retentionHours: z.number(),
  lastDurationMs: z.number().nullable(),
  lastRequestCount: z.number().int().nullable(),
  persisted: z.object({ rows: z.number().int(), bytes: z.number().int(), lastError: z.string().nullable() }),
});
export type SamplerState = z.infer<typeof SamplerState>;

export const RetentionRiskView = z.object({
  kind: z.enum(["lost", "expires-before-drain", "safe", "none", "unknown"]),
  recordsLost: z.number().nullable(),
  secondsUntilExpiry: z.number().nullable(),
  secondsToDrain: z.number().nullable(),
  why: z.string().nullable(),
  /** Where the worst risk is, for group-level summaries ("topic[partition]"). */
  where: z.string().nullable(),
});
export type RetentionRiskView = z.infer<typeof RetentionRiskView>;

export const LogDirView = z.object({
  path: z.string(),
  /** bytes of Kafka's replicas in the directory */
  usedBytes: z.number(),
  /** the volume's size and free bytes; null where the broker does not say (before Kafka 3.3) */
  totalBytes: z.number().nullable(),
  usableBytes: z.number().nullable(),
  error: z.string().nullable(),
  /** Kafka's net growth in the directory over the window, bytes/s (writes minus retention) */
  netGrowthBytesPerSec: z.number().nullable(),
  /** when the usable bytes run out at that growth; null when not growing */
  secondsToFull: z.number().nullable(),
});
export type LogDirView = z.infer<typeof LogDirView>;

export const BrokerView = z.object({
  nodeId: z.number().int(),
  host: z.string(),
  port: z.number().int(),
  rack: z.string().nullable(),
  /** null when the sample did not read log dirs */
  logDirs: z.array(LogDirView).nullable(),
});

export const QuorumReplicaView = z.object({ id: z.number().int(), logEndOffset: z.number(), lagRecords: z.number(), lastCaughtUpAt: z.number().nullable() });

/** The KRaft metadata quorum, as `kafka-metadata-quorum describe --status` reports it. */
export const ControllerView = z.object({
  activeId: z.number().int().nullable(),
  epoch: z.number().int(),
  highWatermark: z.number(),
  voters: z.array(QuorumReplicaView),
  observers: z.array(QuorumReplicaView),
});

export const SnapshotMeta = z.object({
  takenAt: z.number(),
  clusterId: z.string().nullable(),
  kraft: z.boolean().nullable(),
  /** Metadata's controller id. On KRaft just some broker, not the active controller (see controller). */
  controllerId: z.number().int().nullable(),
  /** The KRaft quorum; null on ZooKeeper clusters or when it did not answer. */
  controller: ControllerView.nullable(),
  brokers: z.array(BrokerView),
  /** Registered but fenced brokers (Kafka 4): down, though the controller knows them. */
  fencedBrokers: z.array(z.object({ nodeId: z.number().int(), host: z.string(), port: z.number().int() })),
  /** Client quotas (entity as "client-id app", "user (default)"…); null when not read. */
  quotas: z.array(z.object({ entity: z.string(), values: z.record(z.string(), z.number()) })).nullable(),
  warnings: z.array(z.string()),
  requestCount: z.number().int().nullable(),
  durationMs: z.number().nullable(),
});

export const TopicRow = z.object({
  name: z.string(),
  internal: z.boolean(),
  partitions: z.number().int(),
  replicationFactor: z.number().int(),
  retentionMs: z.number().nullable(),
  cleanupPolicy: z.string().nullable(),
  minInsyncReplicas: z.number().nullable(),
  inputRatePerSec: z.number().nullable(),
  /** Σ (log end − log start) over readable partitions. */
  records: z.number().nullable(),
  /** Σ leader replica sizes on disk (bytes); null when no partition's size is known. */
  sizeBytes: z.number().nullable(),
  offline: z.number().int(),
  underReplicated: z.number().int(),
  underMinIsr: z.number().int(),
});
export type TopicRow = z.infer<typeof TopicRow>;

export const GroupRow = z.object({
  groupId: z.string(),
  state: z.string(),
  /** "classic" | "consumer" (KIP-848, group.protocol=consumer) | "unknown" */
  protocol: z.string(),
  /** consumer protocol: the group epoch; null for classic groups */
  groupEpoch: z.number().int().nullable(),
  assignor: z.string().nullable(),
  members: z.number().int(),
  topics: z.array(z.string()),
  partitions: z.number().int(),
  totalLag: z.number(),
  maxTimeLagSeconds: z.number().nullable(),
  lagGrowthPerSec: z.number().nullable(),
  consumeRatePerSec: z.number().nullable(),
  inputRatePerSec: z.number().nullable(),
  timeToDrainSeconds: z.number().nullable(),
  drain: z.enum(["caught-up", "draining", "not-draining", "unknown"]),
  status: ConsumerStatus,
  statusReason: z.string(),
  retention: RetentionRiskView,
});
export type GroupRow = z.infer<typeof GroupRow>;

export const ClusterOverview = z.object({
  sampler: SamplerState,
  snapshot: SnapshotMeta.nullable(),
  totals: z.object({
    brokers: z.number().int(),
    topics: z.number().int(),
    partitions: z.number().int(),
    offline: z.number().int(),
    underReplicated: z.number().int(),
    underMinIsr: z.number().int(),
    groups: z.number().int(),
    groupsAtRisk: z.number().int(),
  }),
  changes: z.object({
    brokersLeft: z.array(z.object({ at: z.number(), nodeId: z.number().int(), host: z.string() })),
    leaderChanges: z.number().int(),
    /** controller elections in the window; null when unknown (KRaft without the quorum's answer) */
    controllerChanges: z.number().int().nullable(),
    isrShrinks: z.number().int(),
    isrExpands: z.number().int(),
    configChanges: z.array(z.object({ at: z.number(), topic: z.string(), key: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
  }),
  topics: z.array(TopicRow),
  groups: z.array(GroupRow),
});
export type ClusterOverview = z.infer<typeof ClusterOverview>;

export const SeriesPoint = z.object({
  at: z.number(),
  lag: z.number().nullable(),
  timeLagSeconds: z.number().nullable(),
  inputRatePerSec: z.number().nullable(),
  consumeRatePerSec: z.number().nullable(),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

export const GroupPartitionView = z.object({
  topic: z.string(),
  partition: z.number().int(),
  committedOffset: z.number().nullable(),
  logStartOffset: z.number().nullable(),
  /** the high watermark: lag = logEndOffset − committedOffset */
  logEndOffset: z.number().nullable(),
  /** the last stable offset; below logEndOffset while a transaction is open */
  lastStableOffset: z.number().nullable(),
  lag: z.number().nullable(),
  lagFromLogStart: z.boolean(),
  lagShare: z.number().nullable(),
  timeLagSeconds: z.number().nullable(),
  timeLagEstimate: z.enum(["interpolated", "lower-bound", "seeded", "caught-up", "unknown"]),
  consumeRatePerSec: z.number().nullable(),
  inputRatePerSec: z.number().nullable(),
  secondsToDrain: z.number().nullable(),
  assignedTo: z.string().nullable(),
  status: ConsumerStatus,
  statusReason: z.string(),
  retention: RetentionRiskView,
});
export type GroupPartitionView = z.infer<typeof GroupPartitionView>;

export const GroupDetail = z.object({
  sampler: SamplerState,
  takenAt: z.number().nullable(),
  group: GroupRow.extend({
    idleMembers: z.number().int(),
    assignmentKnown: z.boolean(),
    lagStartedAt: z.number().nullable(),
    churn: z.object({
      stateTransitions: z.array(z.object({ at: z.number(), from: z.string(), to: z.string() })),
      rebalancingSamples: z.number().int(),
      membersJoined: z.number().int(),
      membersLeft: z.number().int(),
      /** consumer protocol: group epoch bumps over the window; null for classic groups */
      epochBumps: z.number().int().nullable(),
    }),
    memberList: z.array(
      z.object({
        memberId: z.string(),
        clientId: z.string(),
        host: z.string(),
        partitions: z.number().int(),
        /** consumer protocol: the member's epoch; null for classic members */
        memberEpoch: z.number().int().nullable(),
        /** consumer protocol: the member still moves toward its target assignment */
        reconciling: z.boolean(),
      }),
    ),
  }),
  partitions: z.array(GroupPartitionView),
  series: z.array(SeriesPoint),
});
export type GroupDetail = z.infer<typeof GroupDetail>;

export const GroupParams = z.object({ groupId: z.string().min(1).max(255) });
export const TopicParams = z.object({ topic: z.string().min(1).max(249) });
/** Which configured cluster a Cluster API read is about (issue 18); absent: the default cluster, so older links keep working. */
export const ClusterQuery = z.object({
  cluster: z.string().min(1).max(100).optional(),
});
export const WindowQuery = ClusterQuery.extend({
  /** Minutes of history for the series (the hot window is in memory; longer reads the store). */
  minutes: z.coerce.number().int().min(1).max(24 * 60).optional(),
});

export const TopicDetail = z.object({
  sampler: SamplerState,
  takenAt: z.number().nullable(),
  topic: TopicRow.extend({ configs: z.record(z.string(), z.string()) }),
  partitions: z.array(
    z.object({
      partition: z.number().int(),
      leader: z.number().int(),
      replicas: z.array(z.number().int()),
      isr: z.array(z.number().int()),
      offline: z.boolean(),
      underReplicated: z.boolean(),
      underMinIsr: z.boolean(),
      logStartOffset: z.number().nullable(),
      /** the high watermark */
      logEndOffset: z.number().nullable(),
      lastStableOffset: z.number().nullable(),
      /** the leader replica's size on disk; null when unknown */
      sizeBytes: z.number().nullable(),
      inputRatePerSec: z.number().nullable(),
      inputShare: z.number().nullable(),
    }),
  ),
  groups: z.array(z.object({ groupId: z.string(), status: ConsumerStatus, lag: z.number(), maxTimeLagSeconds: z.number().nullable() })),
  series: z.array(z.object({ at: z.number(), inputRatePerSec: z.number().nullable(), records: z.number().nullable() })),
});
export type TopicDetail = z.infer<typeof TopicDetail>;

export const HistoryQuery = ClusterQuery
  .extend({
    group: z.string().min(1).max(255).optional(),
    topic: z.string().min(1).max(249).optional(),
    minutes: z.coerce.number().int().min(1).max(24 * 60).default(60),
    /** At most this many points (evenly thinned). */
    points: z.coerce.number().int().min(10).max(2000).default(300),
  })
  .refine((q) => (q.group ? 1 : 0) + (q.topic ? 1 : 0) === 1, { message: "give exactly one of group or topic" });

export const HistoryResponse = z.object({
  sampler: SamplerState,
  from: z.number(),
  to: z.number(),
  group: z.string().nullable(),
  topic: z.string().nullable(),
  points: z.array(SeriesPoint),
});
export type HistoryResponse = z.infer<typeof HistoryResponse>;
