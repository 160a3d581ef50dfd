/**
 * The result of `computeSignals`: the numbers the UI, the diagnosis checks and the severity
 * proposal all read. Everything here is derived from a `ClusterSnapshot[]` history (oldest
 * first) and optional offsets-by-timestamp seeds; nothing is fetched.
 *
 * Rates are records per second. Times are epoch milliseconds unless the name says seconds.
 * `null` always means "cannot be known from this history", never zero.
 */

import type { BrokerMetricSignals } from "../broker-metrics/signals";
import type { ClientQuotaSnapshot } from "./types";

/** How a time lag was obtained (see `timeLag.ts`). */
export type TimeLagEstimate =
  /** committed offset lies between two sampled (logEndOffset, takenAt) points. */
  | "interpolated"
  /** committed offset is older than every known point: the true lag is at least this. */
  | "lower-bound"
  /** interpolated with at least one offsets-by-timestamp seed point. */
  | "seeded"
  /** caught up: lag 0 means time lag 0. */
  | "caught-up"
  /** no committed offset or no log end offset. */
  | "unknown";

/** Burrow-style status; rules are documented in `group-status.ts`. */
export type ConsumerStatus =
  | "ok"
  | "lagging"
  | "stalled"
  | "stopped"
  | "rewound"
  | "rebalancing"
  | "error"
  /** fewer than two samples with offsets and lag > 0: movement cannot be judged. */
  | "unknown";

/**
 * What sets the deadline: "time" (retention.ms minus the oldest unread record's age) or "size"
 * (retention.bytes: the log start advances as the partition fills, observed over the window).
 */
export type RetentionBy = "time" | "size";

export type RetentionRisk =
  /** committed offset is below the log start offset: these records were deleted unread. */
  | { kind: "lost"; recordsLost: number }
  /**
   * the oldest unconsumed record will be deleted before the partition drains. When not draining,
   * secondsUntilExpiry accounts for the time lag growing at (1 − consume/input) s per s.
   */
  | { kind: "expires-before-drain"; secondsUntilExpiry: number; secondsToDrain: number | null; by?: RetentionBy }
  /** there is a backlog and a deadline, but the drain ETA beats it (or consumers keep pace: drain null). */
  | { kind: "safe"; secondsUntilExpiry: number; secondsToDrain: number | null; by?: RetentionBy }
  /** nothing to lose: caught up, infinite retention, or compact-only topic. */
  | { kind: "none"; why: string }
  | { kind: "unknown"; why: string };

export interface PartitionSignals {
  topic: string;
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offline: boolean;
  logStartOffset: number | null;
  /** the high watermark */
  logEndOffset: number | null;
  /** the last stable offset (below the high watermark while a transaction is open); null when unknown. */
  lastStableOffset: number | null;
  /** bytes on disk of the leader's replica; null when unknown. */
  sizeBytes: number | null;
  /** records/s over the rate window, from logEndOffset deltas; null with fewer than two readings. */
  inputRatePerSec: number | null;
  /** bytes/s the leader's replica grew by over the rate window (log dir sizes); null when unknown. */
  inputBytesPerSec: number | null;
  /** the same over the last third of the history's intervals (as recentInputRatePerSec). */
  recentInputBytesPerSec: number | null;
  /** share of the topic's input rate (0..1); null when the topic had no input. */
  inputShare: number | null;
  underReplicated: boolean;
  /** isr.length < min.insync.replicas: acks=all producers get NotEnoughReplicas. */
  underMinIsr: boolean;
}

export interface TopicSignals {
  name: string;
  internal: boolean;
  partitionCount: number;
  retentionMs: number | null;
  /** retention.bytes per partition; null when unlimited (-1) or not reported. */
  retentionBytes: number | null;
  /** false for compact-only topics, where time retention never deletes. */
  deletesByTime: boolean;
  minInsyncReplicas: number | null;
  inputRatePerSec: number | null;
  /** Σ partition inputBytesPerSec; null when no partition's size is known over two samples. */
  inputBytesPerSec: number | null;
  /**
   * The topic's input rate before the incident: over the baseline history when one is given
   * (`SignalOptions.baseline`: the period before the lag started, up to a day), else over the
   * earlier part of the history (its first two thirds of intervals).
   */
  baselineInputRatePerSec: number | null;
  /** where the baseline comes from: "history" (the baseline period), "window" (the first two thirds), null (unknown). */
  baselineSource: "history" | "window" | null;
  /** the baseline period in words ("10:02–11:02 UTC, before the lag started"), null when it is the window's. */
  baselineLabel: string | null;
  /** topic input rate over the last third of intervals. */
  recentInputRatePerSec: number | null;
  /** recent / baseline; null when either is unknown or the baseline is 0. */
  inputChangeRatio: number | null;
  /** median partition input rate; used to quote "5.1x the median". */
  medianPartitionInputRatePerSec: number | null;
  partitions: PartitionSignals[];
}

export interface GroupPartitionSignals {
  topic: string;
  partition: number;
  committedOffset: number | null;
  logStartOffset: number | null;
  /** the high watermark */
  logEndOffset: number | null;
  /** the last stable offset; below logEndOffset while a transaction is open, null when unknown. */
  lastStableOffset: number | null;
  /**
   * logEndOffset (the high watermark) − committedOffset. With no committed offset the lag is counted from the log
   * start offset (every retained record is unread): that is what the group would read under
   * auto.offset.reset=earliest and is the conservative choice for incidents. `lagFromLogStart`
   * says when this happened.
   */
  lag: number | null;
  lagFromLogStart: boolean;
  /** records/s from committed offset advances over the rate window (rewinds are not counted). */
  consumeRatePerSec: number | null;
  inputRatePerSec: number | null;
  /** share of the group's total lag (0..1); null when the group has no lag. */
  lagShare: number | null;
  timeLagSeconds: number | null;
  timeLagEstimate: TimeLagEstimate;
  /** ms the committed offset has been unchanged at the end of the history. */
  committedUnchangedMs: number;
  /**
   * Times (takenAt) of the samples whose committed offset is above the previous sample's, from
   * the group's first appearance: when this partition took its turns. Real clients process a
   * member's partitions in turns, so the gaps between these tell "stands still while the
   * others take their turn" (a slow consumer) from "stuck across many turns" (a poison record).
   */
  committedAdvancedAt: number[];
  /** committed offset unchanged over the stall window (see group-status.ts); never true for a partition that has never committed. */
  committedFrozen: boolean;
  /** no sample of the history shows a committed offset for this partition: it has not committed yet (not a stuck record). */
  neverCommitted: boolean;
  rewound: boolean;
  /** memberId owning the partition when assignments are known, else null. */
  assignedTo: string | null;
  retention: RetentionRisk;
  /** seconds until lag reaches 0 at current rates; 0 when caught up; null when not draining. */
  secondsToDrain: number | null;
  status: ConsumerStatus;
  statusReason: string;
}

export interface StateTransition {
  at: number;
  from: string;
  to: string;
}

export interface GroupChurn {
  stateTransitions: StateTransition[];
  /** samples where the group was PreparingRebalance or CompletingRebalance. */
  rebalancingSamples: number;
  membersJoined: number;
  membersLeft: number;
  /** intervals in which the member set changed. */
  memberSetChanges: number;
  /**
   * consumer protocol: group epoch bumps over the window (each is a membership or subscription
   * change the coordinator reacted to, even between two samples); null for classic groups.
   */
  epochBumps: number | null;
}

export type DrainStatus = "caught-up" | "draining" | "not-draining" | "unknown";

export interface GroupSignals {
  groupId: string;
  state: string;
  /** "classic" | "consumer" (KIP-848) | "unknown": shown, never branched on (group-status.ts maps both). */
  protocol: string;
  /** consumer protocol: the group epoch now, null for classic groups. */
  groupEpoch: number | null;
  assignor: string | null;
  memberCount: number;
  /** members with an empty assignment while assignments are known for the others. */
  idleMembers: number;
  /** true when at least one member reports an assignment. */
  assignmentKnown: boolean;
  topics: string[];
  /** partitions of the consumed topics (the parallelism ceiling). */
  partitionCount: number;
  totalLag: number;
  /** total lag at the first sample that had offsets for this group. */
  firstTotalLag: number | null;
  /** least-squares slope of total lag over the history, records/s (positive = growing). */
  lagGrowthPerSec: number | null;
  consumeRatePerSec: number | null;
  inputRatePerSec: number | null;
  baselineConsumeRatePerSec: number | null;
  recentConsumeRatePerSec: number | null;
  maxTimeLagSeconds: number | null;
  timeToDrainSeconds: number | null;
  drain: DrainStatus;
  /** estimate of when the lag started: last caught-up sample, else now − max time lag. */
  lagStartedAt: number | null;
  churn: GroupChurn;
  status: ConsumerStatus;
  statusReason: string;
  partitions: GroupPartitionSignals[];
}

export interface PartitionRef {
  topic: string;
  partition: number;
}

export interface LeaderChange extends PartitionRef {
  at: number;
  from: number;
  to: number;
}

export interface IsrChange extends PartitionRef {
  at: number;
  from: number[];
  to: number[];
}

export interface ConfigChange {
  at: number;
  topic: string;
  key: string;
  from: string | null;
  to: string | null;
}

export interface BrokerChange {
  at: number;
  nodeId: number;
  host: string;
}

export interface ClusterSignals {
  brokerIds: number[];
  brokersLeft: BrokerChange[];
  brokersJoined: BrokerChange[];
  /**
   * Controller elections in the window: KRaft quorum leader-epoch bumps where the quorum answered
   * (DescribeQuorum), metadata controller moves on ZooKeeper clusters; 0 when unknown.
   */
  controllerChanges: number;
  /** true when controllerChanges are real: the quorum answered (KRaft) or the cluster is ZooKeeper-based. */
  controllerKnown: boolean;
  /** the active controller now (KRaft quorum leader, or the ZooKeeper controller); null when unknown. */
  activeControllerId: number | null;
  kraft: boolean | null;
  /** brokers registered but fenced in the newest snapshot (Kafka 4). */
  fencedBrokerIds: number[];
  /** every log dir of the newest snapshot with its trend over the history ([] when none was read). */
  logDirs: LogDirSignals[];
  /** client quotas of the newest snapshot; null when not read. */
  quotas: ClientQuotaSnapshot[] | null;
  leaderChanges: LeaderChange[];
  isrShrinks: IsrChange[];
  isrExpands: IsrChange[];
  offlinePartitions: PartitionRef[];
  underReplicated: PartitionRef[];
  underMinIsr: PartitionRef[];
  configChanges: ConfigChange[];
}

export interface LogDirSignals {
  nodeId: number;
  path: string;
  /** bytes of Kafka's replicas in the directory */
  usedBytes: number;
  totalBytes: number | null;
  usableBytes: number | null;
  /** share of the volume in use, (total − usable) / total; null when the broker does not say */
  volumeUsedFraction: number | null;
  /** least-squares slope of usedBytes over the history: Kafka's writes net of what retention deleted */
  netGrowthBytesPerSec: number | null;
  /** usable / net growth while Kafka's data grows; null when not growing or usable unknown */
  secondsToFull: number | null;
  /** Kafka's error name for an offline log dir, else null */
  error: string | null;
}

export interface EvidenceSignals {
  clusterId: string | null;
  /** takenAt of the newest snapshot ("now" for every age). */
  takenAt: number;
  windowStart: number;
  windowSeconds: number;
  samples: number;
  /** takenAt of the oldest reach-back snapshot (SignalOptions.reachBack), null without one. */
  reachBackFrom: number | null;
  reachBackSamples: number;
  cluster: ClusterSignals;
  topics: TopicSignals[];
  groups: GroupSignals[];
  /** broker metrics from Prometheus over the history (absent: computed without them). */
  brokerMetrics?: BrokerMetricSignals;
  warnings: string[];
}
