/**
 * The broker and cluster state of a snapshot, beyond metadata: each broker's log directories
 * (DescribeLogDirs, one request per broker), the KRaft quorum (DescribeQuorum: the active
 * controller and its epoch), registered-but-fenced brokers (DescribeCluster v2, Kafka 4) and
 * the client quotas (DescribeClientQuotas). The last three are one request each to any broker.
 * Every part fails alone: a warning, and the field stays null / absent.
 *
 * No `import "server-only"` (see errors.ts).
 */
import type { BrokerInfo, ClientQuotaSnapshot, ControllerQuorum, LogDirSnapshot, QuorumReplicaSnapshot } from "@/lib/domain/evidence/types";
import { brokerOffers, errorName, type KBroker, type KCluster } from "./kafkajs-internals";
import { toBroker } from "./mappers";
import { DESCRIBE_CLIENT_QUOTAS_API_KEY, DESCRIBE_CLIENT_QUOTAS_VERSION, describeClientQuotasRequest, type DescribedQuota } from "./protocol/describe-client-quotas";
import { DESCRIBE_CLUSTER_API_KEY, DESCRIBE_CLUSTER_FENCED_VERSION, describeClusterRequest, type DescribedClusterBroker } from "./protocol/describe-cluster";
import { DESCRIBE_LOG_DIRS_API_KEY, describeLogDirsRequest, describeLogDirsVersion, type DescribedLogDir } from "./protocol/describe-log-dirs";
import { DESCRIBE_QUORUM_API_KEY, DESCRIBE_QUORUM_VERSION, describeQuorumRequest, type DescribedQuorum, type QuorumReplica } from "./protocol/describe-quorum";


/** Per-broker log dirs plus, per "topic\0partition", the replica size each broker holds. */
export interface LogDirReading {
  dirs: Map<number, LogDirSnapshot[]>;
  /** "topic\0partition" → node id → bytes (current log, not a future one). */
  replicaBytes: Map<string, Map<number, number>>;
}

export function toLogDirs(dirs: DescribedLogDir[]): LogDirSnapshot[] {
  return dirs
    .map((d) => ({
      path: d.path,
      usedBytes: d.topics.reduce((n, t) => n + t.partitions.reduce((m, p) => m + p.sizeBytes, 0), 0),
      totalBytes: d.totalBytes >= 0 ? d.totalBytes : null,
      usableBytes: d.usableBytes >= 0 ? d.usableBytes : null,
      error: d.errorCode !== 0 ? errorName(d.errorCode) : null,
    }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** One DescribeLogDirs per broker that offers v2+. */
export async function readLogDirs(cluster: KCluster, brokers: number[], warnings: string[]): Promise<LogDirReading> {
  const reading: LogDirReading = { dirs: new Map(), replicaBytes: new Map() };
  await Promise.all(
    brokers.map(async (nodeId) => {
      try {
        const broker = await cluster.findBroker({ nodeId });
        const version = describeLogDirsVersion(broker.versions?.[DESCRIBE_LOG_DIRS_API_KEY]);
        if (version === null) return;
        const response = (await broker.connectionPool.send(describeLogDirsRequest(version))) as { errorCode: number; dirs: DescribedLogDir[] };
        if (response.errorCode !== 0) {
          warnings.push(`log dirs of broker ${nodeId} unreadable (${errorName(response.errorCode)})`);
          return;
        }
        reading.dirs.set(nodeId, toLogDirs(response.dirs));
        for (const dir of response.dirs) {
          for (const t of dir.topics) {
            for (const p of t.partitions) {
              if (p.isFuture) continue;
              const key = `${t.topic}\0${p.partition}`;
              const byNode = reading.replicaBytes.get(key) ?? new Map<number, number>();
              byNode.set(nodeId, p.sizeBytes);
              reading.replicaBytes.set(key, byNode);
            }
          }
        }
      } catch (error) {
        warnings.push(`log dirs of broker ${nodeId} unreadable: ${(error as Error).message}`);
      }
    }),
  );
  return reading;
}

function replica(r: QuorumReplica, leaderEnd: number): QuorumReplicaSnapshot {
  return { id: r.replicaId, logEndOffset: r.logEndOffset, lagRecords: Math.max(0, leaderEnd - r.logEndOffset), lastCaughtUpAt: r.lastCaughtUpTimestamp >= 0 ? r.lastCaughtUpTimestamp : null };
}

/** Lag as kafka-metadata-quorum computes it: the leader's log end offset minus the replica's. */
export function toControllerQuorum(q: DescribedQuorum): ControllerQuorum {
  const leader = q.voters.find((v) => v.replicaId === q.leaderId);
  const leaderEnd = leader?.logEndOffset ?? q.highWatermark;
  const byId = (a: QuorumReplica, b: QuorumReplica) => a.replicaId - b.replicaId;
  return {
    activeId: q.leaderId >= 0 ? q.leaderId : null,
    epoch: q.leaderEpoch,
    highWatermark: q.highWatermark,
    voters: [...q.voters].sort(byId).map((v) => replica(v, leaderEnd)),
    observers: [...q.observers].sort(byId).map((o) => replica(o, leaderEnd)),
  };
}

export async function readQuorum(broker: KBroker, warnings: string[]): Promise<ControllerQuorum | null> {
  if (!brokerOffers(broker, DESCRIBE_QUORUM_API_KEY, DESCRIBE_QUORUM_VERSION)) return null;
  try {
    const q = (await broker.connectionPool.send(describeQuorumRequest())) as DescribedQuorum;
    const code = q.errorCode || q.partitionErrorCode;
    if (code !== 0) {
      warnings.push(`KRaft quorum unreadable (${errorName(code)})`);
      return null;
    }
    return toControllerQuorum(q);
  } catch (error) {
    warnings.push(`KRaft quorum unreadable: ${(error as Error).message}`);
    return null;
  }
}

/** Fenced brokers where DescribeCluster v2 is offered (Kafka 4); undefined elsewhere. */
export async function readFencedBrokers(broker: KBroker, warnings: string[]): Promise<BrokerInfo[] | undefined> {
  if (!brokerOffers(broker, DESCRIBE_CLUSTER_API_KEY, DESCRIBE_CLUSTER_FENCED_VERSION)) return undefined;
  try {
    const d = (await broker.connectionPool.send(describeClusterRequest())) as { errorCode: number; brokers: DescribedClusterBroker[] };
    if (d.errorCode !== 0) {
      warnings.push(`registered brokers unreadable (${errorName(d.errorCode)})`);
      return undefined;
    }
    return d.brokers
      .filter((b) => b.isFenced)
      .map((b) => toBroker({ nodeId: b.brokerId, host: b.host, port: b.port, rack: b.rack }))
      .sort((a, b) => a.nodeId - b.nodeId);
  } catch (error) {
    warnings.push(`registered brokers unreadable: ${(error as Error).message}`);
    return undefined;
  }
}

export async function readQuotas(broker: KBroker, warnings: string[]): Promise<ClientQuotaSnapshot[] | undefined> {
  if (!brokerOffers(broker, DESCRIBE_CLIENT_QUOTAS_API_KEY, DESCRIBE_CLIENT_QUOTAS_VERSION)) return undefined;
  try {
    const d = (await broker.connectionPool.send(describeClientQuotasRequest())) as { errorCode: number; errorMessage: string | null; entries: DescribedQuota[] };
    if (d.errorCode !== 0) {
      warnings.push(`client quotas unreadable (${errorName(d.errorCode)})`);
      return undefined;
    }
    return d.entries.map((e) => ({ entity: e.entity.map((x) => ({ type: x.entityType, name: x.entityName })), values: { ...e.values } }));
  } catch (error) {
    warnings.push(`client quotas unreadable: ${(error as Error).message}`);
    return undefined;
  }
}
