/**
 * Snapshot collection: one pass over a cluster producing a ClusterSnapshot.
 *
 * Request budget (handshakes on new connections — ApiVersions, SASL — excluded):
 *
 *   requests = 1 metadata
 *            + 2·L list-offsets        (earliest + latest, one request each per leader broker;
 *                                        L = brokers leading ≥ 1 selected online partition ≤ B)
 *            + 1 describe-configs      (all selected topics in one request; 0 when no topics)
 *            + B list-groups           (one per live broker: tells us each group's coordinator;
 *                                        0 with skipGroups)
 *            + Σ_c ⌈G_c / 50⌉ describe-groups (per coordinator c, batches of 50 groups)
 *            + Σ_c ⌈G_c / 100⌉ offset-fetch (v8, KIP-709: batches of 100 groups, all their
 *                                        topics; brokers before Kafka 3.0: G requests, one per group)
 *
 * It grows with brokers and groups, never with topics or partitions. Measured per collection
 * (AsyncLocalStorage around the connection's send) into ClusterSnapshot.requestCount.
 *
 * Offsets: "latest" is read with kafkajs's default isolation (read_committed), i.e. the last
 * stable offset, which equals the high watermark when no transaction is open.
 *
 * Leaderless partitions are reported offline with null offsets and never fail the topic; a
 * topic deleted mid-collection becomes a warning (kafkajs-internals.ts keeps it from poisoning
 * the next metadata refresh).
 *
 * No `import "server-only"` (see errors.ts).
 */
import type { ClusterSnapshot, GroupSnapshot, PartitionSnapshot, TopicSnapshot } from "@/lib/domain/evidence/types";
import { parseOffset } from "@/lib/domain/evidence/types";
import type { CollectOptions } from "./gateway";
import { countRequests, errorName, looksLikeKraft, type KBroker, type KCluster, type RawDescribedGroup, type RawMetadata, type RawOffsetFetchResponse } from "./kafkajs-internals";
import { OFFSET_FETCH_API_KEY, OFFSET_FETCH_BATCH_VERSION, OFFSET_FETCH_GROUPS_PER_REQUEST, offsetFetchBatchRequest, type BatchedGroupOffsets } from "./offset-fetch-batch";
import { SNAPSHOT_CONFIGS, toBroker, toConfigRecord, toGroup, toGroupOffsets, toPartition } from "./mappers";

export const DESCRIBE_GROUPS_BATCH = 50;
const EARLIEST = -2;
const LATEST = -1;
const TOPIC_RESOURCE = 2;

type PartitionRef = { topic: string; partition: number };

/** Online partitions grouped by their leader's node id (leaderless ones are left out). */
export function partitionsByLeader(topics: TopicSnapshot[]): Map<number, PartitionRef[]> {
  const out = new Map<number, PartitionRef[]>();
  for (const topic of topics) {
    for (const p of topic.partitions) {
      if (p.offline || p.leader < 0) continue;
      const list = out.get(p.leader) ?? [];
      list.push({ topic: topic.name, partition: p.partition });
      out.set(p.leader, list);
    }
  }
  return out;
}

function byTopic(refs: PartitionRef[], timestamp: number) {
  const map = new Map<string, { partition: number; timestamp: number }[]>();
  for (const ref of refs) {
    const list = map.get(ref.topic) ?? [];
    list.push({ partition: ref.partition, timestamp });
    map.set(ref.topic, list);
  }
  return [...map].map(([topic, partitions]) => ({ topic, partitions }));
}

/**
 * One ListOffsets per leader broker for all its partitions at `timestamp` (−2 earliest,
 * −1 latest, or epoch ms). Partition errors become warnings; the result maps "topic\0partition"
 * to {offset, timestamp} (offset null when unreadable or when no record is that recent).
 */
export async function listOffsetsByLeader(
  cluster: KCluster,
  leaders: Map<number, PartitionRef[]>,
  timestamp: number,
  warnings: string[],
): Promise<Map<string, { offset: number | null; timestampMs: number | null }>> {
  const out = new Map<string, { offset: number | null; timestampMs: number | null }>();
  await Promise.all(
    [...leaders].map(async ([nodeId, refs]) => {
      try {
        const broker = await cluster.findBroker({ nodeId });
        const response = await broker.listOffsets({ topics: byTopic(refs, timestamp) });
        for (const topic of response.responses) {
          for (const p of topic.partitions) {
            if (p.errorCode !== 0) warnings.push(`offsets of ${topic.topic}-${p.partition} unreadable (${errorName(p.errorCode)})`);
            const offset = p.errorCode === 0 ? parseOffset(p.offset) : null;
            const ts = p.errorCode === 0 && p.timestamp !== undefined ? Number(p.timestamp) : null;
            out.set(`${topic.topic}\0${p.partition}`, { offset, timestampMs: offset === null || ts === null || ts < 0 ? null : ts });
          }
        }
      } catch (error) {
        warnings.push(`offsets from broker ${nodeId} unreadable: ${(error as Error).message}`);
      }
    }),
  );
  return out;
}

function selectTopics(metadata: RawMetadata, opts: CollectOptions, warnings: string[]): TopicSnapshot[] {
  const live = new Set(metadata.brokers.map((b) => b.nodeId));
  const wanted = opts.topics ? new Set(opts.topics) : null;
  const topics: TopicSnapshot[] = [];
  for (const t of metadata.topicMetadata) {
    if (wanted ? !wanted.has(t.topic) : t.isInternal && !opts.includeInternal) continue;
    if (t.topicErrorCode !== 0) {
      warnings.push(`topic ${t.topic} skipped (${errorName(t.topicErrorCode)})`);
      continue;
    }
    const partitions = t.partitionMetadata.map((p) => toPartition(p, live)).sort((a, b) => a.partition - b.partition);
    for (const p of partitions) if (p.offline) warnings.push(`partition ${t.topic}-${p.partition} has no leader (offline)`);
    topics.push({ name: t.topic, internal: t.isInternal, configs: {}, partitions });
  }
  if (wanted) for (const name of wanted) if (!topics.some((t) => t.name === name)) warnings.push(`topic ${name} not found`);
  return topics.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function readConfigs(cluster: KCluster, topics: TopicSnapshot[], warnings: string[]): Promise<void> {
  if (topics.length === 0) return;
  try {
    const broker = await anyBroker(cluster);
    const response = await broker.describeConfigs({
      resources: topics.map((t) => ({ type: TOPIC_RESOURCE, name: t.name, configNames: [...SNAPSHOT_CONFIGS] })),
    });
    const byName = new Map(topics.map((t) => [t.name, t]));
    for (const resource of response.resources) {
      const topic = byName.get(resource.resourceName);
      if (!topic) continue;
      if (resource.errorCode !== 0) warnings.push(`configs of ${resource.resourceName} unreadable (${errorName(resource.errorCode)})`);
      else topic.configs = toConfigRecord(resource);
    }
  } catch (error) {
    warnings.push(`topic configs unreadable: ${(error as Error).message}`);
  }
}

export async function anyBroker(cluster: KCluster): Promise<KBroker> {
  const ids = Object.keys(cluster.brokerPool.brokers);
  for (const nodeId of ids) {
    try {
      return await cluster.findBroker({ nodeId });
    } catch {
      // try the next one
    }
  }
  throw new Error("no broker reachable");
}

/** B list-groups requests: group id → {coordinator node id, protocolType}. */
async function locateGroups(cluster: KCluster, brokers: number[], warnings: string[]) {
  const located = new Map<string, { coordinator: number; protocolType: string }>();
  await Promise.all(
    brokers.map(async (nodeId) => {
      try {
        const broker = await cluster.findBroker({ nodeId });
        const response = await broker.listGroups();
        if (response.errorCode !== 0) warnings.push(`groups on broker ${nodeId} unlisted (${errorName(response.errorCode)})`);
        for (const g of response.groups) located.set(g.groupId, { coordinator: nodeId, protocolType: g.protocolType });
      } catch (error) {
        warnings.push(`groups on broker ${nodeId} unlisted: ${(error as Error).message}`);
      }
    }),
  );
  return located;
}

/** Does this broker answer OffsetFetch v8 (many groups per request, Kafka ≥ 3.0)? */
export function supportsBatchedOffsetFetch(broker: Pick<KBroker, "versions">): boolean {
  return (broker.versions?.[OFFSET_FETCH_API_KEY]?.maxVersion ?? 0) >= OFFSET_FETCH_BATCH_VERSION;
}

/** Committed offsets of the groups a coordinator owns: v8 batches where offered, else one request per group. */
async function fetchCommittedOffsets(broker: KBroker, groupIds: string[], warnings: string[]): Promise<Map<string, GroupSnapshot["offsets"]>> {
  const out = new Map<string, GroupSnapshot["offsets"]>();
  const accept = (groupId: string, response: RawOffsetFetchResponse) => {
    if (response.errorCode) warnings.push(`group ${groupId}: offsets unreadable (${errorName(response.errorCode)})`);
    else out.set(groupId, toGroupOffsets(response, warnings, groupId));
  };
  if (supportsBatchedOffsetFetch(broker)) {
    const batches: string[][] = [];
    for (let i = 0; i < groupIds.length; i += OFFSET_FETCH_GROUPS_PER_REQUEST) batches.push(groupIds.slice(i, i + OFFSET_FETCH_GROUPS_PER_REQUEST));
    await Promise.all(
      batches.map(async (batch) => {
        try {
          const response = (await broker.connectionPool.send(offsetFetchBatchRequest(batch))) as { groups: BatchedGroupOffsets[] };
          for (const group of response.groups) accept(group.groupId, group);
        } catch (error) {
          warnings.push(`offsets of ${batch.length} group(s) unreadable: ${(error as Error).message}`);
        }
      }),
    );
    return out;
  }
  await Promise.all(
    groupIds.map(async (groupId) => {
      try {
        accept(groupId, await broker.offsetFetch({ groupId, topics: [] }));
      } catch (error) {
        warnings.push(`group ${groupId}: offsets unreadable: ${(error as Error).message}`);
      }
    }),
  );
  return out;
}

async function collectGroups(cluster: KCluster, brokers: number[], opts: CollectOptions, warnings: string[]): Promise<GroupSnapshot[]> {
  const located = await locateGroups(cluster, brokers, warnings);
  const ids = (opts.groups ?? [...located.keys()]).filter((id) => {
    if (located.has(id)) return true;
    warnings.push(`group ${id} not found`);
    return false;
  });
  const byCoordinator = new Map<number, string[]>();
  for (const id of ids) {
    const c = located.get(id)!.coordinator;
    byCoordinator.set(c, [...(byCoordinator.get(c) ?? []), id]);
  }
  const groups: GroupSnapshot[] = [];
  await Promise.all(
    [...byCoordinator].map(async ([nodeId, groupIds]) => {
      const broker = await cluster.findBroker({ nodeId });
      const described = new Map<string, RawDescribedGroup>();
      const batches: string[][] = [];
      for (let i = 0; i < groupIds.length; i += DESCRIBE_GROUPS_BATCH) batches.push(groupIds.slice(i, i + DESCRIBE_GROUPS_BATCH));
      const describing = Promise.all(
        batches.map(async (batch) => {
          try {
            const response = await broker.describeGroups({ groupIds: batch });
            for (const g of response.groups) described.set(g.groupId, g);
          } catch (error) {
            warnings.push(`groups on broker ${nodeId} undescribed: ${(error as Error).message}`);
          }
        }),
      );
      const [, offsets] = await Promise.all([describing, fetchCommittedOffsets(broker, groupIds, warnings)]);
      for (const groupId of groupIds) groups.push(toGroup(groupId, described.get(groupId), located.get(groupId)?.protocolType, offsets.get(groupId) ?? []));
    }),
  );
  return groups.sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
}

async function collect(cluster: KCluster, opts: CollectOptions, takenAt: number): Promise<ClusterSnapshot> {
  const warnings: string[] = [];
  // Metadata for every topic (a superset of any selection): forget topics kafkajs was asked
  // about before, so a topic deleted since cannot make this refresh fail.
  cluster.targetTopics.clear();
  await cluster.refreshMetadata();
  const metadata = cluster.brokerPool.metadata;
  if (!metadata) throw new Error("metadata not loaded");
  const brokers = metadata.brokers.map(toBroker).sort((a, b) => a.nodeId - b.nodeId);
  const topics = selectTopics(metadata, opts, warnings);

  const leaders = partitionsByLeader(topics);
  // Groups are read alongside the log offsets: one round of waiting instead of two.
  const [earliest, latest, , groups] = await Promise.all([
    listOffsetsByLeader(cluster, leaders, EARLIEST, warnings),
    listOffsetsByLeader(cluster, leaders, LATEST, warnings),
    readConfigs(cluster, topics, warnings),
    opts.skipGroups ? Promise.resolve([]) : collectGroups(cluster, brokers.map((b) => b.nodeId), opts, warnings),
  ]);
  for (const topic of topics) {
    for (const p of topic.partitions as PartitionSnapshot[]) {
      const key = `${topic.name}\0${p.partition}`;
      p.logStartOffset = earliest.get(key)?.offset ?? null;
      p.logEndOffset = latest.get(key)?.offset ?? null;
    }
  }
  const controllerId = metadata.controllerId !== undefined && metadata.controllerId >= 0 ? metadata.controllerId : null;
  return {
    takenAt,
    clusterId: metadata.clusterId ?? null,
    brokers,
    controllerId,
    kraft: looksLikeKraft(cluster.brokerPool.versions),
    topics,
    groups,
    warnings,
  };
}

/** Collects one snapshot through an already-built kafkajs admin cluster (see kafkajs-gateway.ts). */
export async function collectSnapshot(cluster: KCluster, opts: CollectOptions = {}): Promise<ClusterSnapshot> {
  const takenAt = Date.now();
  if (!cluster.isConnected()) await cluster.connect();
  const { result, requests } = await countRequests(() => collect(cluster, opts, takenAt));
  return { ...result, requestCount: requests, durationMs: Date.now() - takenAt };
}

/** The request budget of the module comment, as code (used by the integration test). */
export function expectedRequestCount(p: {
  leaderBrokers: number;
  topics: number;
  liveBrokers: number;
  groupsPerCoordinator: number[];
  skipGroups?: boolean;
  /** false for brokers without OffsetFetch v8 (before Kafka 3.0) */
  batchedOffsetFetch?: boolean;
}): number {
  const offsetFetches = (g: number) => (p.batchedOffsetFetch === false ? g : Math.ceil(g / OFFSET_FETCH_GROUPS_PER_REQUEST));
  const groups = p.skipGroups ? 0 : p.liveBrokers + p.groupsPerCoordinator.reduce((sum, g) => sum + Math.ceil(g / DESCRIBE_GROUPS_BATCH) + offsetFetches(g), 0);
  return 1 + 2 * p.leaderBrokers + (p.topics > 0 ? 1 : 0) + groups;
}
