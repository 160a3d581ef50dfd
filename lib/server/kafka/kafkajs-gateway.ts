/**
 * KafkaGateway on kafkajs 2.2.4. One instance = one long-lived admin connection (the
 * registry keeps one per cluster). Every call is bounded: kafkajs connection/request timeouts
 * from the config, retries capped (default 1), and an overall deadline per call.
 *
 * No `import "server-only"` (see errors.ts).
 */
import fs from "node:fs";
import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from "kafkajs";
import type { ClusterSnapshot, GroupSnapshot, OffsetTimePoint } from "@/lib/domain/evidence/types";
import { anyBroker, collectSnapshot, listOffsetsByLeader, partitionsByLeader } from "./collector";
import { describeOneGroup } from "./collect-groups";
import { KafkaGatewayError, toGatewayError, withDeadline } from "./errors";
import type {
  ClusterDescription,
  CollectOptions,
  GroupListing,
  KafkaClusterConfig,
  KafkaGateway,
  OffsetAtTime,
  QuotaChanges,
  QuotaEntity,
  TopicConfigChanges,
  TopicConfigEntry,
  TopicListing,
} from "./gateway";
import { createInstrumentedAdmin, errorName, looksLikeKraft, type InstrumentedAdmin, type KCluster } from "./kafkajs-internals";
import { toBroker, toConfigEntries, toPartition } from "./mappers";
import { alterClientQuotasRequest } from "./protocol/alter-client-quotas";
import { BROKER_RESOURCE, TOPIC_RESOURCE, incrementalAlterConfigsRequest } from "./protocol/incremental-alter-configs";

/** Ages of the offsets-by-timestamp points used to seed time lag. */
export const TIME_POINT_AGES_MS = [60_000, 300_000, 900_000, 3_600_000] as const;
/** At most this many partitions per sampleOffsetTimes call (the lookups stay per-broker anyway). */
export const TIME_POINT_MAX_PARTITIONS = 2_000;

export function toKafkaJsConfig(config: KafkaClusterConfig): KafkaConfig {
  const read = (file?: string) => (file ? fs.readFileSync(file, "utf8") : undefined);
  const ssl = config.ssl
    ? { rejectUnauthorized: config.ssl.rejectUnauthorized, ca: read(config.ssl.ca), cert: read(config.ssl.cert), key: read(config.ssl.key) }
    : undefined;
  let sasl: SASLOptions | undefined;
  if (config.sasl) {
    const { mechanism, username, password } = config.sasl;
    sasl = mechanism === "plain" ? { mechanism, username, password } : mechanism === "scram-sha-256" ? { mechanism, username, password } : { mechanism, username, password };
  }
  return {
    brokers: config.brokers,
    clientId: config.clientId,
    ssl,
    sasl,
    connectionTimeout: config.connectTimeoutMs,
    authenticationTimeout: config.connectTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    enforceRequestTimeout: true,
    retry: { retries: config.retries ?? 1, initialRetryTime: 100, maxRetryTime: 1000 },
    logLevel: logLevel.NOTHING,
  };
}

/** How long a config change may take to show in DescribeConfigs before we stop waiting for it. */
const CONFIG_VISIBLE_WAIT_MS = 5_000;
const UNKNOWN_TOPIC_OR_PARTITION = 3;
const TOPIC_AUTHORIZATION_FAILED = 29;
/** INVALID_REQUEST, POLICY_VIOLATION, INVALID_CONFIG */
const INVALID_CONFIG_CODES = new Set([42, 44, 40]);
const COORDINATOR_RETRIABLE = new Set(["COORDINATOR_LOAD_IN_PROGRESS", "COORDINATOR_NOT_AVAILABLE", "NOT_COORDINATOR"]);

export class KafkajsGateway implements KafkaGateway {
  private handle: InstrumentedAdmin | null = null;
  private readonly where: string;

  constructor(private readonly config: KafkaClusterConfig) {
    this.where = config.brokers.join(",");
  }

  /** Requests sent so far, from kafkajs instrumentation events (handshakes excluded). */
  instrumentedRequests(): number {
    return this.handle?.instrumentedRequests() ?? 0;
  }

  /** Longest any single call may take: connect + a few request round trips, with retries. */
  private deadlineMs(requestRounds = 4): number {
    const retries = (this.config.retries ?? 1) + 1;
    return this.config.connectTimeoutMs * retries + this.config.requestTimeoutMs * requestRounds + 1_000;
  }

  private async cluster(): Promise<KCluster> {
    if (!this.handle) {
      const kafka = new Kafka(toKafkaJsConfig(this.config));
      this.handle = createInstrumentedAdmin(kafka, this.config.retries ?? 1);
    }
    const { cluster } = this.handle;
    if (!cluster.isConnected()) await cluster.connect();
    return cluster;
  }

  /** Runs `work` with the deadline and error mapping; drops the connection after a network failure. */
  private async run<T>(work: (cluster: KCluster) => Promise<T>, context?: { topic?: string; group?: string }, rounds?: number): Promise<T> {
    try {
      return await withDeadline(this.cluster().then(work), this.deadlineMs(rounds), this.where);
    } catch (error) {
      const mapped = toGatewayError(error, this.where, context);
      if (mapped.code === "KAFKA_UNREACHABLE" || mapped.code === "KAFKA_TIMEOUT" || mapped.code === "KAFKA_AUTH_FAILED") await this.close();
      throw mapped;
    }
  }

  collectSnapshot(opts: CollectOptions = {}): Promise<ClusterSnapshot> {
    return this.run((cluster) => collectSnapshot(cluster, opts), undefined, 8);
  }

  private async freshMetadata(cluster: KCluster) {
    cluster.targetTopics.clear();
    await cluster.refreshMetadata();
    const metadata = cluster.brokerPool.metadata;
    if (!metadata) throw new Error("metadata not loaded");
    return metadata;
  }

  describeCluster(): Promise<ClusterDescription> {
    return this.run(async (cluster) => {
      const metadata = await this.freshMetadata(cluster);
      return {
        clusterId: metadata.clusterId ?? null,
        brokers: metadata.brokers.map(toBroker).sort((a, b) => a.nodeId - b.nodeId),
        controllerId: metadata.controllerId !== undefined && metadata.controllerId >= 0 ? metadata.controllerId : null,
        kraft: looksLikeKraft(cluster.brokerPool.versions),
      };
    });
  }

  listTopics(opts: { includeInternal?: boolean } = {}): Promise<TopicListing[]> {
    return this.run(async (cluster) => {
      const metadata = await this.freshMetadata(cluster);
      return metadata.topicMetadata
        .filter((t) => t.topicErrorCode === 0 && (opts.includeInternal || !t.isInternal))
        .map((t) => ({ name: t.topic, internal: t.isInternal, partitions: t.partitionMetadata.length }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    });
  }

  private async offsetsAt(cluster: KCluster, partitionsByTopic: Record<string, number[]>, timestamps: number[]) {
    const metadata = await this.freshMetadata(cluster);
    const live = new Set(metadata.brokers.map((b) => b.nodeId));
    const topics = metadata.topicMetadata
      .filter((t) => t.topic in partitionsByTopic)
      .map((t) => {
        const wanted = new Set(partitionsByTopic[t.topic]);
        const partitions = t.partitionMetadata.filter((p) => wanted.has(p.partitionId)).map((p) => toPartition(p, live));
        return { name: t.topic, internal: t.isInternal, configs: {}, partitions };
      });
    const leaders = partitionsByLeader(topics);
    const warnings: string[] = [];
    const results = [];
    for (const ts of timestamps) results.push(await listOffsetsByLeader(cluster, leaders, ts, warnings));
    return results;
  }

  fetchOffsetsByTimestamp(partitionsByTopic: Record<string, number[]>, timestampMs: number): Promise<Record<string, OffsetAtTime[]>> {
    return this.run(async (cluster) => {
      const [found] = await this.offsetsAt(cluster, partitionsByTopic, [timestampMs]);
      const out: Record<string, OffsetAtTime[]> = {};
      for (const [topic, partitions] of Object.entries(partitionsByTopic)) {
        out[topic] = partitions.map((partition) => {
          const hit = found?.get(`${topic}\0${partition}`);
          return { partition, offset: hit?.offset ?? null, timestampMs: hit?.timestampMs ?? null };
        });
      }
      return out;
    });
  }

  /**
   * Time-lag seeding. ListOffsets-by-timestamp answers "first offset whose record timestamp is
   * ≥ T" together with that record's timestamp, so asking for T = now − {1m, 5m, 15m, 1h}
   * yields up to four (offset, produce time) points per partition — enough to interpolate the
   * produce time of a committed offset (and so a time lag) before the collector has built up
   * history. Cost: 4 requests per leader broker, independent of the number of partitions.
   */
  sampleOffsetTimes(partitionsByTopic: Record<string, number[]>, nowMs = Date.now()): Promise<OffsetTimePoint[]> {
    return this.run(async (cluster) => {
      let budget = TIME_POINT_MAX_PARTITIONS;
      const bounded: Record<string, number[]> = {};
      for (const [topic, partitions] of Object.entries(partitionsByTopic)) {
        if (budget <= 0) break;
        bounded[topic] = partitions.slice(0, budget);
        budget -= bounded[topic].length;
      }
      const rounds = await this.offsetsAt(cluster, bounded, TIME_POINT_AGES_MS.map((age) => nowMs - age));
      const points = new Map<string, OffsetTimePoint>();
      for (const round of rounds) {
        for (const [key, hit] of round) {
          if (hit.offset === null || hit.timestampMs === null) continue;
          const [topic = "", partition = "0"] = key.split("\0");
          points.set(`${key}\0${hit.offset}`, { topic, partition: Number(partition), offset: hit.offset, timestampMs: hit.timestampMs });
        }
      }
      return [...points.values()].sort((a, b) => (a.topic === b.topic ? a.partition - b.partition || a.offset - b.offset : a.topic < b.topic ? -1 : 1));
    }, undefined, 8);
  }

  describeTopicConfigs(topic: string): Promise<TopicConfigEntry[]> {
    return this.run(async (cluster) => this.readTopicConfigs(cluster, topic), { topic });
  }

  private async readTopicConfigs(cluster: KCluster, topic: string): Promise<TopicConfigEntry[]> {
    const broker = await anyBroker(cluster);
    const response = await broker.describeConfigs({ resources: [{ type: TOPIC_RESOURCE, name: topic, configNames: [] }] }); // [] is sent as null: all configs
    const resource = response.resources.find((r) => r.resourceName === topic);
    if (!resource) throw new KafkaGatewayError("KAFKA_ERROR", `Kafka returned no configs for topic "${topic}"`);
    if (resource.errorCode === 3) throw new KafkaGatewayError("UNKNOWN_TOPIC", `topic "${topic}" does not exist on ${this.where}`);
    if (resource.errorCode !== 0) throw new KafkaGatewayError("KAFKA_ERROR", `configs of topic "${topic}" unreadable (${errorName(resource.errorCode)})`);
    return toConfigEntries(resource).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /**
   * IncrementalAlterConfigs: sets or deletes exactly the named configs; the broker keeps every
   * other override, so a change made meanwhile by anyone else (kafka-configs, another Ripcord)
   * survives by construction. Returns the overrides once DescribeConfigs shows the change.
   */
  alterTopicConfigs(topic: string, changes: TopicConfigChanges): Promise<Record<string, string>> {
    return this.run(async (cluster) => {
      const broker = await anyBroker(cluster);
      const { responses } = (await broker.connectionPool.send(incrementalAlterConfigsRequest([{ resourceType: TOPIC_RESOURCE, resourceName: topic, changes }]))) as {
        responses: { errorCode: number; errorMessage: string | null; resourceName: string }[];
      };
      const result = responses.find((r) => r.resourceName === topic) ?? responses[0];
      if (!result) throw new KafkaGatewayError("KAFKA_ERROR", `Kafka answered no result for the config change of topic "${topic}"`);
      if (result.errorCode !== 0) {
        const why = result.errorMessage || errorName(result.errorCode);
        if (result.errorCode === UNKNOWN_TOPIC_OR_PARTITION) throw new KafkaGatewayError("UNKNOWN_TOPIC", `topic "${topic}" does not exist on ${this.where}`);
        if (INVALID_CONFIG_CODES.has(result.errorCode)) throw new KafkaGatewayError("INVALID_REQUEST", `Kafka rejected the config change of topic "${topic}": ${why}`);
        if (result.errorCode === TOPIC_AUTHORIZATION_FAILED) throw new KafkaGatewayError("KAFKA_NOT_AUTHORIZED", `not authorized to alter configs of topic "${topic}" on ${this.where}`);
        throw new KafkaGatewayError("KAFKA_ERROR", `config change of topic "${topic}" failed: ${why}`);
      }
      // On KRaft a broker applies the committed change to what DescribeConfigs answers a moment
      // later: wait until it does, so a read right after this one sees it.
      const deadline = Date.now() + CONFIG_VISIBLE_WAIT_MS;
      for (;;) {
        const visible = await this.readTopicConfigs(cluster, topic);
        const dynamic = Object.fromEntries(visible.filter((e) => e.source === "DYNAMIC_TOPIC_CONFIG" && e.value !== null).map((e) => [e.name, e.value as string]));
        const applied = Object.entries(changes).every(([k, v]) => (v === null ? !(k in dynamic) : dynamic[k] === v));
        if (applied || Date.now() > deadline) return dynamic;
        await new Promise((r) => setTimeout(r, 100));
      }
    }, { topic });
  }

  alterBrokerConfigs(nodeId: number, changes: TopicConfigChanges): Promise<void> {
    return this.run(async (cluster) => {
      // Sent to the broker itself: a ZooKeeper-mode broker only alters its own resource (a KRaft
      // broker forwards to the controller either way).
      const metadata = await this.freshMetadata(cluster);
      if (!metadata.brokers.some((b) => b.nodeId === nodeId)) throw new KafkaGatewayError("INVALID_REQUEST", `broker ${nodeId} is not a broker of ${this.where}`);
      const broker = await cluster.findBroker({ nodeId: String(nodeId) });
      const { responses } = (await broker.connectionPool.send(incrementalAlterConfigsRequest([{ resourceType: BROKER_RESOURCE, resourceName: String(nodeId), changes }]))) as {
        responses: { errorCode: number; errorMessage: string | null }[];
      };
      const result = responses[0];
      if (!result) throw new KafkaGatewayError("KAFKA_ERROR", `Kafka answered no result for the config change of broker ${nodeId}`);
      if (result.errorCode !== 0) {
        const why = result.errorMessage || errorName(result.errorCode);
        if (INVALID_CONFIG_CODES.has(result.errorCode)) throw new KafkaGatewayError("INVALID_REQUEST", `Kafka rejected the config change of broker ${nodeId}: ${why}`);
        throw new KafkaGatewayError("KAFKA_ERROR", `config change of broker ${nodeId} failed: ${why}`);
      }
    });
  }

  alterClientQuotas(entity: readonly QuotaEntity[], changes: QuotaChanges): Promise<void> {
    const who = entity.map((c) => `${c.entityType} ${c.entityName ?? "(default)"}`).join(", ");
    return this.run(async (cluster) => {
      const broker = await anyBroker(cluster);
      const { entries } = (await broker.connectionPool.send(alterClientQuotasRequest(entity, changes))) as { entries: { errorCode: number; errorMessage: string | null }[] };
      const result = entries[0];
      if (!result) throw new KafkaGatewayError("KAFKA_ERROR", `Kafka answered no result for the quota change of ${who}`);
      if (result.errorCode !== 0) {
        const why = result.errorMessage || errorName(result.errorCode);
        if (INVALID_CONFIG_CODES.has(result.errorCode)) throw new KafkaGatewayError("INVALID_REQUEST", `Kafka rejected the quota change of ${who}: ${why}`);
        throw new KafkaGatewayError("KAFKA_ERROR", `quota change of ${who} failed: ${why}`);
      }
    });
  }

  createPartitions(topic: string, totalCount: number): Promise<void> {
    return this.run(async () => {
      await this.handle!.admin.createPartitions({ topicPartitions: [{ topic, count: totalCount }] });
    }, { topic });
  }

  listGroups(): Promise<GroupListing[]> {
    return this.run(async () => {
      const { groups } = await this.handle!.admin.listGroups();
      return groups.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType })).sort((a, b) => (a.groupId < b.groupId ? -1 : 1));
    });
  }

  describeGroups(groupIds: string[]): Promise<GroupSnapshot[]> {
    return this.run((cluster) => Promise.all(groupIds.map((id) => describeOneGroup(cluster, id))));
  }

  resetGroupOffsets(groupId: string, topic: string, offsets: Record<number, number>): Promise<void> {
    return this.run(async (cluster) => {
      const group = await describeOneGroup(cluster, groupId);
      if (group.members.length > 0 || !["Empty", "Dead", "Unknown"].includes(group.state)) {
        throw new KafkaGatewayError("GROUP_HAS_ACTIVE_MEMBERS", `group "${groupId}" has ${group.members.length} active member(s) (state ${group.state}); stop its consumers first`);
      }
      const partitions = Object.entries(offsets).map(([partition, offset]) => ({ partition: Number(partition), offset: String(offset) }));
      // A coordinator still loading its offsets partition (fresh or restarted broker) says so and
      // asks to retry; the surrounding deadline bounds the attempts.
      for (let attempt = 1; ; attempt++) {
        try {
          const coordinator = await cluster.findGroupCoordinator({ groupId });
          // Generation −1 and an empty member id: the admin-style commit Kafka accepts only while the group is empty.
          await coordinator.offsetCommit({ groupId, groupGenerationId: -1, memberId: "", retentionTime: -1, topics: [{ topic, partitions }] });
          return;
        } catch (error) {
          const type = (error as { type?: unknown }).type;
          if (attempt >= 10 || typeof type !== "string" || !COORDINATOR_RETRIABLE.has(type)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        }
      }
    }, { topic, group: groupId });
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    if (handle) await handle.cluster.disconnect().catch(() => undefined);
  }
}
