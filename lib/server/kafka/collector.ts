/**
 * Snapshot collection: one pass over a cluster producing a ClusterSnapshot.
 *
 * Request budget (handshakes on new connections — ApiVersions, SASL — excluded). B = live
 * brokers, L = brokers leading ≥ 1 selected online partition (≤ B), T = selected topics,
 * G_c = groups coordinated by broker c, split into classic and consumer-protocol ones:
 *
 *   requests = 1                       Metadata
 *            + 3·L                     ListOffsets per leader: earliest; latest read_uncommitted
 *                                      (the high watermark); latest read_committed (the last
 *                                      stable offset) — all the leader's partitions in each
 *            + (T > 0 ? 1 : 0)         DescribeConfigs (all selected topics in one request)
 *            + B                       DescribeLogDirs (one per broker; 0 with skipBrokerState)
 *            + q                       DescribeQuorum (1 on KRaft, 0 on ZooKeeper clusters)
 *            + f                       DescribeCluster v2 (1 where offered: Kafka 4; fenced brokers)
 *            + 1                       DescribeClientQuotas (0 with skipBrokerState)
 *            + B                       ListGroups (v5: each group's type; 0 with skipGroups)
 *            + Σ_c ⌈classic_c / 50⌉    DescribeGroups
 *            + Σ_c ⌈consumer_c / 50⌉   ConsumerGroupDescribe (KIP-848 groups)
 *            + Σ_c ⌈G_c / 100⌉         OffsetFetch v8 (brokers before Kafka 3.0: G_c, one per group)
 *
 * so O(B + G), never growing with topics or partitions. Measured per collection
 * (AsyncLocalStorage around the connection's send) into ClusterSnapshot.requestCount, and
 * `expectedRequestCount` below is the same formula as code.
 *
 * Offsets: `logEndOffset` is the high watermark and `lastStableOffset` the LSO; they differ
 * only while a transaction is open. Leaderless partitions are reported offline with null
 * offsets and never fail their topic (ListOffsets goes to each leader for its own partitions);
 * a topic deleted mid-collection becomes a warning (kafkajs-internals.ts keeps it from
 * poisoning the next metadata refresh).
 *
 * No `import "server-only"` (see errors.ts).
 */
import type { ClusterSnapshot, PartitionSnapshot, TopicSnapshot } from "@/lib/domain/evidence/types";
import { parseOffset } from "@/lib/domain/evidence/types";
import { CONSUMER_GROUP_DESCRIBE_BATCH, DESCRIBE_GROUPS_BATCH, collectGroups } from "./collect-groups";
import { readFencedBrokers, readLogDirs, readQuorum, readQuotas, type LogDirReading } from "./collect-cluster";
import type { CollectOptions } from "./gateway";
import { countRequests, errorName, looksLikeKraft, type KBroker, type KCluster, type RawMetadata } from "./kafkajs-internals";
import { OFFSET_FETCH_GROUPS_PER_REQUEST } from "./protocol/offset-fetch";
import { SNAPSHOT_CONFIGS, toBroker, toConfigRecord, toPartition } from "./mappers";

export { DESCRIBE_GROUPS_BATCH };
const EARLIEST = -2;
const LATEST = -1;
const TOPIC_RESOURCE = 2;
export const READ_UNCOMMITTED = 0;
export const READ_COMMITTED = 1;

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
 * −1 latest, or epoch ms), under `isolationLevel` (read_committed stops at the last stable
 * offset, read_uncommitted at the high watermark). Partition errors become warnings; the result
 * maps "topic\0partition" to {offset, timestamp} (offset null when unreadable or when no record
 * is that recent). A leader that fails costs its own partitions only.
 */
export async function listOffsetsByLeader(
  cluster: KCluster,
  leaders: Map<number, PartitionRef[]>,
  timestamp: number,
  warnings: string[],
  isolationLevel = READ_COMMITTED,
): Promise<Map<string, { offset: number | null; timestampMs: number | null }>> {
  const out = new Map<string, { offset: number | null; timestampMs: number | null }>();
  await Promise.all(
    [...leaders].map(async ([nodeId, refs]) => {
      try {
        const broker = await cluster.findBroker({ nodeId });
        const response = await broker.listOffsets({ isolationLevel, topics: byTopic(refs, timestamp) });
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

/** Quorum, fenced brokers and quotas: one request each to one broker, side by side. */
async function readClusterState(cluster: KCluster, kraft: boolean | null, warnings: string[]) {
  let broker: KBroker;
  try {
    broker = await anyBroker(cluster);
  } catch (error) {
    warnings.push(`cluster state unreadable: ${(error as Error).message}`);
    return { controller: null, fencedBrokers: undefined, quotas: undefined };
  }
  const [controller, fencedBrokers, quotas] = await Promise.all([
    kraft === false ? Promise.resolve(null) : readQuorum(broker, warnings),
    readFencedBrokers(broker, warnings),
    readQuotas(broker, warnings),
  ]);
  return { controller, fencedBrokers, quotas };
}

const NO_LOG_DIRS: LogDirReading = { dirs: new Map(), replicaBytes: new Map() };

async function collect(cluster: KCluster, opts: CollectOptions, takenAt: number): Promise<ClusterSnapshot> {
  const warnings: string[] = [];
  // Metadata for every topic (a superset of any selection): forget topics kafkajs was asked
  // about before, so a topic deleted since cannot make this refresh fail.
  cluster.targetTopics.clear();
  await cluster.refreshMetadata();
  const metadata = cluster.brokerPool.metadata;
  if (!metadata) throw new Error("metadata not loaded");
  const brokers = metadata.brokers.map(toBroker).sort((a, b) => a.nodeId - b.nodeId);
  const brokerIds = brokers.map((b) => b.nodeId);
  const topics = selectTopics(metadata, opts, warnings);
  const kraft = looksLikeKraft(cluster.brokerPool.versions);

  const leaders = partitionsByLeader(topics);
  // Everything after metadata in one round of waiting.
  const [earliest, highWatermarks, stable, , groups, logDirs, state] = await Promise.all([
    listOffsetsByLeader(cluster, leaders, EARLIEST, warnings),
    listOffsetsByLeader(cluster, leaders, LATEST, warnings, READ_UNCOMMITTED),
    listOffsetsByLeader(cluster, leaders, LATEST, warnings, READ_COMMITTED),
    readConfigs(cluster, topics, warnings),
    opts.skipGroups ? Promise.resolve([]) : collectGroups(cluster, brokerIds, opts.groups, warnings),
    opts.skipBrokerState ? Promise.resolve(NO_LOG_DIRS) : readLogDirs(cluster, brokerIds, warnings),
    opts.skipBrokerState ? Promise.resolve(null) : readClusterState(cluster, kraft, warnings),
  ]);
  for (const topic of topics) {
    for (const p of topic.partitions as PartitionSnapshot[]) {
      const key = `${topic.name}\0${p.partition}`;
      p.logStartOffset = earliest.get(key)?.offset ?? null;
      p.logEndOffset = highWatermarks.get(key)?.offset ?? null;
      p.lastStableOffset = stable.get(key)?.offset ?? null;
      if (!opts.skipBrokerState) {
        const sizes = logDirs.replicaBytes.get(key);
        p.sizeBytes = sizes ? (p.leader >= 0 && sizes.has(p.leader) ? sizes.get(p.leader)! : Math.max(...sizes.values())) : null;
      }
    }
  }
  if (!opts.skipBrokerState) for (const b of brokers) b.logDirs = logDirs.dirs.get(b.nodeId) ?? [];
  const controllerId = metadata.controllerId !== undefined && metadata.controllerId >= 0 ? metadata.controllerId : null;
  return {
    takenAt,
    clusterId: metadata.clusterId ?? null,
    brokers,
    controllerId,
    kraft,
    ...(state ? { controller: state.controller, ...(state.fencedBrokers ? { fencedBrokers: state.fencedBrokers } : {}), ...(state.quotas ? { quotas: state.quotas } : {}) } : {}),
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

/** The request budget of the module comment, as code (the request-count integration test holds the collector to it). */
export function expectedRequestCount(p: {
  leaderBrokers: number;
  topics: number;
  liveBrokers: number;
  /** per coordinator: its classic and consumer-protocol groups */
  groupsPerCoordinator: { classic: number; consumer: number }[];
  kraft: boolean;
  /** DescribeCluster v2 offered (Kafka 4) */
  describeCluster: boolean;
  skipGroups?: boolean;
  skipBrokerState?: boolean;
  /** false for brokers without OffsetFetch v8 (before Kafka 3.0) */
  batchedOffsetFetch?: boolean;
}): number {
  const offsetFetches = (g: number) => (p.batchedOffsetFetch === false ? g : Math.ceil(g / OFFSET_FETCH_GROUPS_PER_REQUEST));
  const groups = p.skipGroups
    ? 0
    : p.liveBrokers +
      p.groupsPerCoordinator.reduce(
        (sum, g) => sum + Math.ceil(g.classic / DESCRIBE_GROUPS_BATCH) + Math.ceil(g.consumer / CONSUMER_GROUP_DESCRIBE_BATCH) + offsetFetches(g.classic + g.consumer),
        0,
      );
  const brokerState = p.skipBrokerState ? 0 : p.liveBrokers + (p.kraft ? 1 : 0) + (p.describeCluster ? 1 : 0) + 1;
  return 1 + 3 * p.leaderBrokers + (p.topics > 0 ? 1 : 0) + brokerState + groups;
}
