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
   * Admin "latest" offset: the last stable offset (LSO) under read_committed isolation,
   * equal to the high watermark when no transaction is open.
   */
  logEndOffset: number | null;
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
}

export interface GroupOffsetSnapshot {
  topic: string;
  partition: number;
  /** null when the group has no committed offset for the partition. */
  committedOffset: number | null;
}

export interface GroupSnapshot {
  groupId: string;
  /** Kafka's group state as reported: Stable, PreparingRebalance, CompletingRebalance, Empty, Dead, Unknown. */
  state: string;
  protocolType: string;
  /** "classic" or "consumer" (KIP-848) where known; kafkajs sees only the classic API. */
  protocol: string;
  members: GroupMemberSnapshot[];
  offsets: GroupOffsetSnapshot[];
}

/** One point-in-time reading of a cluster. `takenAt` is epoch milliseconds. */
export interface ClusterSnapshot {
  takenAt: number;
  clusterId: string | null;
  brokers: BrokerInfo[];
  /**
   * The broker the metadata response names as controller. On KRaft this is just some broker
   * (KRaft hides the active controller from clients): never label it "active controller".
   */
  controllerId: number | null;
  /** true when the cluster runs in KRaft mode (no ZooKeeper), where controllerId is not the active controller. */
  kraft: boolean | null;
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
