/**
 * kafkajs / protocol shapes → the domain's evidence types. Pure functions (no I/O).
 * No `import "server-only"` (see errors.ts).
 */
import { AssignerProtocol } from "kafkajs";
import {
  parseOffset,
  type BrokerInfo,
  type GroupMemberSnapshot,
  type GroupOffsetSnapshot,
  type GroupSnapshot,
  type PartitionSnapshot,
} from "@/lib/domain/evidence/types";
import type { ConfigSource, TopicConfigEntry } from "./gateway";
import {
  errorName,
  type RawBroker,
  type RawDescribeConfigsResponse,
  type RawDescribedGroup,
  type RawOffsetFetchResponse,
  type RawPartitionMetadata,
} from "./kafkajs-internals";
import type { DescribedConsumerGroup, TopicPartitions } from "./protocol/consumer-group-describe";

/** The topic configs a snapshot keeps (the ones that matter during an incident). */
export const SNAPSHOT_CONFIGS = [
  "retention.ms",
  "retention.bytes",
  "cleanup.policy",
  "min.insync.replicas",
  "segment.ms",
  "max.message.bytes",
] as const;

export function toBroker(raw: RawBroker): BrokerInfo {
  return { nodeId: raw.nodeId, host: raw.host, port: raw.port, rack: raw.rack ?? null };
}

/** A partition is offline when it has no leader or its leader is not a live broker. */
export function toPartition(raw: RawPartitionMetadata, liveBrokers: ReadonlySet<number>): PartitionSnapshot {
  const leader = raw.leader >= 0 && liveBrokers.has(raw.leader) ? raw.leader : -1;
  return {
    partition: raw.partitionId,
    leader,
    replicas: [...raw.replicas],
    isr: [...raw.isr],
    offline: leader < 0,
    logStartOffset: null,
    logEndOffset: null,
  };
}

const CONFIG_SOURCES: Record<number, ConfigSource> = {
  1: "DYNAMIC_TOPIC_CONFIG",
  2: "DYNAMIC_BROKER_CONFIG",
  3: "DYNAMIC_DEFAULT_BROKER_CONFIG",
  4: "STATIC_BROKER_CONFIG",
  5: "DEFAULT_CONFIG",
  6: "DYNAMIC_BROKER_LOGGER_CONFIG",
};

export function toConfigEntries(resource: RawDescribeConfigsResponse["resources"][number]): TopicConfigEntry[] {
  return resource.configEntries.map((entry) => ({
    name: entry.configName,
    value: entry.configValue,
    source: entry.configSource !== undefined ? (CONFIG_SOURCES[entry.configSource] ?? "UNKNOWN") : entry.isDefault ? "DEFAULT_CONFIG" : "UNKNOWN",
    readOnly: entry.readOnly,
    sensitive: entry.isSensitive,
  }));
}

/** name → value for the configs Kafka reported (sensitive or null values left out). */
export function toConfigRecord(resource: RawDescribeConfigsResponse["resources"][number]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of resource.configEntries) {
    if (entry.configValue !== null && !entry.isSensitive) out[entry.configName] = entry.configValue;
  }
  return out;
}

/** Decodes a classic consumer member assignment; {} when it is not the standard format. */
export function decodeAssignment(buffer: Buffer | null, protocolType: string): Record<string, number[]> {
  if (!buffer || buffer.length === 0 || protocolType !== "consumer") return {};
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(buffer);
    if (!decoded) return {};
    const out: Record<string, number[]> = {};
    for (const [topic, partitions] of Object.entries(decoded.assignment)) out[topic] = [...partitions].sort((a, b) => a - b);
    return out;
  } catch {
    return {};
  }
}

export function toMembers(group: RawDescribedGroup): GroupMemberSnapshot[] {
  return group.members.map((m) => ({
    memberId: m.memberId,
    clientId: m.clientId,
    host: m.clientHost,
    assignment: decodeAssignment(m.memberAssignment, group.protocolType),
  }));
}

/** Committed offsets of one group; partitions with an error or no commit get committedOffset null. */
export function toGroupOffsets(response: RawOffsetFetchResponse, warnings: string[], groupId: string): GroupOffsetSnapshot[] {
  const out: GroupOffsetSnapshot[] = [];
  for (const topic of response.responses) {
    for (const p of topic.partitions) {
      if (p.errorCode !== 0) warnings.push(`group ${groupId}: committed offset of ${topic.topic}-${p.partition} unreadable (${errorName(p.errorCode)})`);
      out.push({ topic: topic.topic, partition: p.partition, committedOffset: p.errorCode === 0 ? parseOffset(p.offset) : null });
    }
  }
  out.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  return out;
}

/**
 * Builds a GroupSnapshot from what DescribeGroups (classic API) said.
 *
 * A group the classic API cannot see (GROUP_ID_NOT_FOUND, or "Dead" with no members although
 * ListGroups lists it: how a KIP-848 group looks through it) keeps its offsets, with state
 * "Unknown" and the protocol its listing gave ("unknown" when the broker did not say).
 */
export function toGroup(
  groupId: string,
  described: RawDescribedGroup | undefined,
  listedProtocolType: string | undefined,
  offsets: GroupOffsetSnapshot[],
  listedType?: string,
): GroupSnapshot {
  const invisible = !described || described.errorCode !== 0 || (described.state === "Dead" && listedProtocolType !== undefined);
  const epochs = { groupEpoch: null, assignmentEpoch: null };
  if (invisible) {
    return {
      groupId,
      state: described && described.errorCode === 0 ? described.state : "Unknown",
      protocolType: listedProtocolType ?? described?.protocolType ?? "",
      protocol: listedType === "consumer" || listedType === "classic" ? listedType : listedType === undefined && listedProtocolType === "consumer" ? "consumer" : "unknown",
      members: [],
      offsets,
      ...epochs,
      assignor: null,
    };
  }
  return {
    groupId,
    state: described.state,
    protocolType: described.protocolType || listedProtocolType || "",
    protocol: "classic",
    members: toMembers(described),
    offsets,
    ...epochs,
    assignor: described.protocol || null,
  };
}

const assignmentRecord = (topics: TopicPartitions[]): Record<string, number[]> =>
  Object.fromEntries(topics.map((t) => [t.topicName, [...t.partitions].sort((a, b) => a - b)]));

/** A KIP-848 ("consumer" protocol) group as ConsumerGroupDescribe described it. */
export function toConsumerGroup(described: DescribedConsumerGroup, offsets: GroupOffsetSnapshot[]): GroupSnapshot {
  return {
    groupId: described.groupId,
    state: described.groupState,
    protocolType: "consumer",
    protocol: "consumer",
    members: described.members.map((m) => ({
      memberId: m.memberId,
      clientId: m.clientId,
      host: m.clientHost,
      assignment: assignmentRecord(m.assignment),
      memberEpoch: m.memberEpoch,
      targetAssignment: assignmentRecord(m.targetAssignment),
      instanceId: m.instanceId,
    })),
    offsets,
    groupEpoch: described.groupEpoch,
    assignmentEpoch: described.assignmentEpoch,
    assignor: described.assignorName || null,
  };
}
