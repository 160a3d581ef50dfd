/**
 * The evidence model shared by the collector (lib/server/kafka), the pure signal functions
 * (lib/domain/evidence), diagnosis, severity and the evidence CLI (contracts.md §3).
 *
 * Offsets: Kafka offsets are int64. Inside the engine they are JavaScript numbers, which are
 * exact up to 2^53 (9.007e15); a partition would need to take a million records a second for
 * 285 years to pass that. The collector parses offset strings with `parseOffset`, which throws
 * on anything past Number.MAX_SAFE_INTEGER rather than silently rounding.
 */

import type { BrokerMetricsReading } from "../broker-metrics/types";

/** One broker as seen in cluster metadata. */
export interface BrokerInfo {
  nodeId: number;
  host: string;
  port: number;
  rack?: string | null;
  /** The broker's log directories (DescribeLogDirs); absent when not read, [] when it reported none. */
  logDirs?: LogDirSnapshot[];
}

/** One log directory of a broker (DescribeLogDirs). */
export interface LogDirSnapshot {
  path: string;
  /** Bytes of the replicas in this directory (Σ partition sizes, future logs included). */
  usedBytes: number;
  /** Size of the volume the directory is on; null where the broker does not say (before Kafka 3.3). */
  totalBytes: number | null;
  /** Free bytes Kafka can use on that volume; null where the broker does not say. */
  usableBytes: number | null;
  /** The directory failed (offline log dir): Kafka's error name, else null. */
  error: string | null;
}

/** The KRaft metadata quorum (DescribeQuorum), as `kafka-metadata-quorum describe --status` shows it. */
export interface ControllerQuorum {
  /** Node id of the active controller (the quorum leader); null when the quorum has none. */
  activeId: number | null;
  /** Leader epoch of the metadata log: bumped at every controller election. */
  epoch: number;
  highWatermark: number;
  voters: QuorumReplicaSnapshot[];
  observers: QuorumReplicaSnapshot[];
}

export interface QuorumReplicaSnapshot {
  id: number;
  logEndOffset: number;
  /** The leader's log end offset minus this replica's (0 for the leader). */
  lagRecords: number;
  /** ms epoch of the leader's append time this replica last caught up to; null when unknown. */
  lastCaughtUpAt: number | null;
}

/** A client quota (DescribeClientQuotas): entity (user / client-id / ip, null name = default) and its limits. */
export interface ClientQuotaSnapshot {
  entity: { type: string; name: string | null }[];
  /** producer_byte_rate, consumer_byte_rate (bytes/s), request_percentage, controller_mutation_rate. */
  values: Record<string, number>;
}

export interface PartitionSnapshot {
  partition: number;
  /** -1 when the partition has no leader (offline). */
  leader: number;
  replicas: number[];
  isr: number[];
  offline: boolean;
  /** null when the offsets could not be read (e.g. leaderless partition). */
  logStartOffset: number | null;
  /**
   * The high watermark (ListOffsets latest, read_uncommitted): the end of the replicated log,
   * what lag is measured against. kafkajs's own offsets call reads the last stable offset instead.
   */
  logEndOffset: number | null;
  /**
   * The last stable offset (ListOffsets latest, read_committed): below the high watermark while
   * a transaction is open on the partition — where a read_committed consumer must stop.
   * Absent in samples taken before it was read.
   */
  lastStableOffset?: number | null;
  /** Bytes on disk of the leader's replica (DescribeLogDirs); null or absent when not known. */
  sizeBytes?: number | null;
}

export interface TopicSnapshot {
  name: string;
  internal: boolean;
  /** Only the configs that matter to incidents: retention.ms, retention.bytes, cleanup.policy,
   * min.insync.replicas, segment.ms, max.message.bytes. Values as Kafka reports them. */
  configs: Record<string, string>;
  partitions: PartitionSnapshot[];
}

export interface GroupMemberSnapshot {
  memberId: string;
  clientId: string;
  host: string;
  /** topic -> partitions assigned to this member (empty when the assignment is unknown). */
  assignment: Record<string, number[]>;
  /** Consumer protocol: the member's epoch (it lags the group epoch while it reconciles). */
  memberEpoch?: number | null;
  /** Consumer protocol: what the coordinator wants the member to own once it has reconciled. */
  targetAssignment?: Record<string, number[]> | null;
  /** group.instance.id of a static member, else null. */
  instanceId?: string | null;
}

export interface GroupOffsetSnapshot {
  topic: string;
  partition: number;
  /** null when the group has no committed offset for the partition. */
  committedOffset: number | null;
}

export type GroupProtocol = "classic" | "consumer";

export interface GroupSnapshot {
  groupId: string;
  /**
   * Kafka's group state as reported. Classic groups (DescribeGroups): Stable, PreparingRebalance,
   * CompletingRebalance, Empty, Dead. Consumer-protocol groups (KIP-848, ConsumerGroupDescribe):
   * Stable, Assigning, Reconciling, Empty, Dead, NotReady. "Unknown" when it could not be read.
   * group-status.ts maps both vocabularies onto one meaning.
   */
  state: string;
  protocolType: string;
  /** GroupProtocol ("classic" or "consumer": KIP-848, group.protocol=consumer); "unknown" when the broker did not say. */
  protocol: string;
  members: GroupMemberSnapshot[];
  offsets: GroupOffsetSnapshot[];
  /** Consumer protocol: the group epoch, bumped by every membership or subscription change; null for classic groups. */
  groupEpoch?: number | null;
  /** Consumer protocol: the epoch of the target assignment (equals groupEpoch once it is computed). */
  assignmentEpoch?: number | null;
  /** The assignor: classic protocol name (range, cooperative-sticky…) or the server-side assignor (uniform, range). */
  assignor?: string | null;
}

/** One point-in-time reading of a cluster. `takenAt` is epoch milliseconds. */
export interface ClusterSnapshot {
  takenAt: number;
  clusterId: string | null;
  brokers: BrokerInfo[];
  /**
   * The broker the metadata response names as controller. On KRaft this is just some broker
   * (metadata hides the active controller from clients): the active one is `controller.activeId`.
   */
  controllerId: number | null;
  /** true when the cluster runs in KRaft mode (no ZooKeeper), where controllerId is not the active controller. */
  kraft: boolean | null;
  /** The KRaft quorum (DescribeQuorum); null on ZooKeeper clusters or when it did not answer, absent in older samples. */
  controller?: ControllerQuorum | null;
  /** Registered but fenced brokers (DescribeCluster v2, Kafka 4): down, though the controller still knows them. */
  fencedBrokers?: BrokerInfo[];
  /** Client quotas of the cluster (DescribeClientQuotas); absent when not read. */
  quotas?: ClientQuotaSnapshot[];
  topics: TopicSnapshot[];
  groups: GroupSnapshot[];
  /** Problems met while collecting (a topic deleted mid-collection, a partition without leader…). */
  warnings: string[];
  /** How many Kafka requests the collection took (measured through kafkajs instrumentation). */
  requestCount?: number;
  durationMs?: number;
  /** Broker metrics read from Prometheus at this sample's time; absent when no Prometheus is configured. */
  brokerMetrics?: BrokerMetricsReading;
}

/** Offsets-by-timestamp lookups used to seed time lag from the first minute: for a partition,
 * (offset, timestamp) points where timestamp is the produce time of the record at that offset. */
export interface OffsetTimePoint {
  topic: string;
  partition: number;
  offset: number;
  timestampMs: number;
}

export function parseOffset(value: string | number | bigint | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const big = typeof value === "bigint" ? value : BigInt(value);
  if (big < 0n) return null;
  if (big > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`offset ${big.toString()} exceeds 2^53 and cannot be represented exactly`);
  }
  return Number(big);
}
