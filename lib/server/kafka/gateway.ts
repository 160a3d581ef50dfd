/**
 * KafkaGateway: the only shape the rest of the server sees of a Kafka cluster. kafkajs is
 * unmaintained, so nothing outside lib/server/kafka may depend on it; another client can
 * implement this interface without touching callers. Every method rejects with
 * KafkaGatewayError (./errors.ts) and never hangs past the configured timeouts.
 *
 * No `import "server-only"` (see errors.ts): the evidence CLI imports this under plain Node.
 */
import type { BrokerInfo, ClusterSnapshot, GroupSnapshot, OffsetTimePoint } from "@/lib/domain/evidence/types";
import type { QuotaChanges, QuotaEntity } from "./protocol/alter-client-quotas";

export type { QuotaChanges, QuotaEntity } from "./protocol/alter-client-quotas";

export type SaslMechanism = "plain" | "scram-sha-256" | "scram-sha-512";

/** Everything needed to reach one cluster. The registry keys connections by brokers + auth. */
export interface KafkaClusterConfig {
  brokers: string[];
  clientId: string;
  ssl?: {
    ca?: string;
    cert?: string;
    key?: string;
    rejectUnauthorized: boolean;
  } | null;
  sasl?: { mechanism: SaslMechanism; username: string; password: string } | null;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  /** kafkajs retries per call (bounded so no call can hang a page). Default 1. */
  retries?: number;
}

export interface CollectOptions {
  /** Only these topics (default: every non-internal topic). */
  topics?: string[];
  /** Only these groups (default: every group the brokers list). */
  groups?: string[];
  /** Include internal topics (__consumer_offsets…). Default false. */
  includeInternal?: boolean;
  /** Skip consumer groups entirely. */
  skipGroups?: boolean;
  /** Skip log dirs, the KRaft quorum, fenced brokers and quotas (a topic-only read). */
  skipBrokerState?: boolean;
}

export interface ClusterDescription {
  clusterId: string | null;
  brokers: BrokerInfo[];
  /** On KRaft just some broker, never "the active controller" (see ClusterSnapshot.controller). */
  controllerId: number | null;
  kraft: boolean | null;
}

export interface TopicListing {
  name: string;
  internal: boolean;
  partitions: number;
}

/** Kafka's config sources (DescribeConfigs). */
export type ConfigSource =
  | "DYNAMIC_TOPIC_CONFIG"
  | "DYNAMIC_BROKER_CONFIG"
  | "DYNAMIC_DEFAULT_BROKER_CONFIG"
  | "STATIC_BROKER_CONFIG"
  | "DEFAULT_CONFIG"
  | "DYNAMIC_BROKER_LOGGER_CONFIG"
  | "UNKNOWN";

export interface TopicConfigEntry {
  name: string;
  /** null when Kafka hides it (sensitive) or it has no value. */
  value: string | null;
  source: ConfigSource;
  readOnly: boolean;
  sensitive: boolean;
}

/** name -> new value; null removes the topic-level override (back to the broker default). */
export type TopicConfigChanges = Record<string, string | null>;

export interface OffsetAtTime {
  partition: number;
  /** null when no record has a timestamp >= the asked time (the partition's end). */
  offset: number | null;
  /** The timestamp of the record at `offset` (ms), null with offset. */
  timestampMs: number | null;
}

export interface GroupListing {
  groupId: string;
  protocolType: string;
}

export interface KafkaGateway {
  /** Brokers and topics (leader, replicas, ISR, offsets, configs) and groups, in one pass. */
  collectSnapshot(opts?: CollectOptions): Promise<ClusterSnapshot>;
  describeCluster(): Promise<ClusterDescription>;
  listTopics(opts?: { includeInternal?: boolean }): Promise<TopicListing[]>;
  /** For each partition: the first offset whose record timestamp is >= timestampMs. */
  fetchOffsetsByTimestamp(partitionsByTopic: Record<string, number[]>, timestampMs: number): Promise<Record<string, OffsetAtTime[]>>;
  /**
   * (offset, timestamp) points to seed time lag: for each partition, the offsets for the
   * timestamps now − {1m, 5m, 15m, 1h} and the produce time of the record found there.
   */
  sampleOffsetTimes(partitionsByTopic: Record<string, number[]>, nowMs?: number): Promise<OffsetTimePoint[]>;
  describeTopicConfigs(topic: string): Promise<TopicConfigEntry[]>;
  /**
   * Sets (or, with null, removes) exactly the named topic-level overrides; every other override
   * stays, whoever set it (IncrementalAlterConfigs, no read-modify-write). Returns the topic's
   * overrides after the change.
   */
  alterTopicConfigs(topic: string, changes: TopicConfigChanges): Promise<Record<string, string>>;
  /**
   * Sets (or, with null, removes) exactly the named dynamic configs of one broker
   * (IncrementalAlterConfigs on the BROKER resource), e.g. a drill's num.io.threads. Resolves once
   * Kafka accepted the change; the broker applies it a moment later (read it back to wait).
   */
  alterBrokerConfigs(nodeId: number, changes: TopicConfigChanges): Promise<void>;
  /** Sets (or, with null, removes) quota values of one entity (AlterClientQuotas). */
  alterClientQuotas(entity: readonly QuotaEntity[], changes: QuotaChanges): Promise<void>;
  /** Grows the topic to `totalCount` partitions (Kafka cannot shrink). */
  createPartitions(topic: string, totalCount: number): Promise<void>;
  listGroups(): Promise<GroupListing[]>;
  describeGroups(groupIds: string[]): Promise<GroupSnapshot[]>;
  /** Refuses with GROUP_HAS_ACTIVE_MEMBERS when the group has members. */
  resetGroupOffsets(groupId: string, topic: string, offsets: Record<number, number>): Promise<void>;
  /** Drops the connection; the next call reconnects. */
  close(): Promise<void>;
}
