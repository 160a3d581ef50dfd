/**
 * The few kafkajs internals we lean on, typed and isolated here so a kafkajs upgrade (or a
 * switch of client) breaks one file. Uses only the public package entry; no deep requires.
 *
 * Why internals at all: kafkajs's admin API issues one ListOffsets per topic and throws on a
 * single leaderless partition (its metadata parser rejects the whole response on any
 * partition error), so a snapshot of many topics would cost O(topics) requests and die on the
 * first offline partition. We therefore:
 *  1. capture the Cluster object the admin client builds (the private createCluster factory,
 *     wrapped for the duration of `kafka.admin()`), so our raw requests share its connections
 *     and its instrumentation emitter;
 *  2. wrap each broker's connection pool `send` so the responses of the APIs we parse
 *     ourselves skip kafkajs's throwing `parse` (we read the error codes per partition / group
 *     / resource), and so requests can be attributed to one collection (AsyncLocalStorage);
 *  3. make Metadata lenient: partition errors (LEADER_NOT_AVAILABLE, REPLICA_NOT_AVAILABLE)
 *     are kept as data, and a topic Kafka no longer knows is dropped from the response and
 *     from kafkajs's `targetTopics`, so a deleted topic cannot poison later refreshes.
 *
 * No `import "server-only"` (see errors.ts).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Admin, Kafka } from "kafkajs";

// ---- raw protocol shapes (as kafkajs decodes them) ----------------------------------------

export interface RawBroker { nodeId: number; host: string; port: number; rack: string | null }
export interface RawPartitionMetadata {
  partitionErrorCode: number;
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas?: number[];
}
export interface RawTopicMetadata {
  topicErrorCode: number;
  topic: string;
  isInternal: boolean;
  partitionMetadata: RawPartitionMetadata[];
}
export interface RawMetadata {
  brokers: RawBroker[];
  clusterId?: string | null;
  controllerId?: number;
  topicMetadata: RawTopicMetadata[];
}
export interface RawListOffsetsResponse {
  responses: { topic: string; partitions: { partition: number; errorCode: number; timestamp?: string; offset?: string }[] }[];
}
export interface RawOffsetFetchResponse {
  errorCode?: number;
  responses: { topic: string; partitions: { partition: number; offset: string; metadata: string | null; errorCode: number }[] }[];
}
export interface RawDescribedGroup {
  errorCode: number;
  groupId: string;
  state: string;
  protocolType: string;
  protocol: string;
  members: { memberId: string; clientId: string; clientHost: string; memberMetadata: Buffer | null; memberAssignment: Buffer | null }[];
}
export interface RawDescribeConfigsResponse {
  resources: {
    errorCode: number;
    errorMessage: string | null;
    resourceType: number;
    resourceName: string;
    configEntries: { configName: string; configValue: string | null; readOnly: boolean; configSource?: number; isSensitive: boolean; isDefault?: boolean }[];
  }[];
}
export interface RawListGroupsResponse { errorCode: number; groups: { groupId: string; protocolType: string }[] }

export interface KBroker {
  nodeId: number | null;
  versions: Record<number, { minVersion: number; maxVersion: number }> | null;
  connectionPool: { host: string; port: number; send: (request: ProtocolRequest) => Promise<unknown> };
  metadata(topics?: string[]): Promise<RawMetadata>;
  listOffsets(args: { isolationLevel?: number; topics: { topic: string; partitions: { partition: number; timestamp: number }[] }[] }): Promise<RawListOffsetsResponse>;
  offsetFetch(args: { groupId: string; topics: { topic: string; partitions: { partition: number }[] }[] }): Promise<RawOffsetFetchResponse>;
  describeGroups(args: { groupIds: string[] }): Promise<{ groups: RawDescribedGroup[] }>;
  describeConfigs(args: { resources: { type: number; name: string; configNames?: string[] }[]; includeSynonyms?: boolean }): Promise<RawDescribeConfigsResponse>;
  listGroups(): Promise<RawListGroupsResponse>;
  offsetCommit(args: {
    groupId: string;
    groupGenerationId: number;
    memberId: string;
    retentionTime?: number;
    topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
  }): Promise<unknown>;
}

interface ProtocolRequest {
  request: { apiKey: number; apiName: string; apiVersion: number };
  response: { decode: (data: Buffer) => Promise<unknown>; parse: (data: unknown) => Promise<unknown> };
  [key: string]: unknown;
}

interface KBrokerPool {
  brokers: Record<string, KBroker>;
  seedBroker?: KBroker;
  metadata: RawMetadata | null;
  versions: KBroker["versions"];
  createBroker: (options: unknown) => KBroker;
}

export interface KCluster {
  targetTopics: Set<string>;
  brokerPool: KBrokerPool;
  isConnected(): boolean;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  findBroker(args: { nodeId: string | number }): Promise<KBroker>;
  findControllerBroker(): Promise<KBroker>;
  findGroupCoordinator(args: { groupId: string }): Promise<KBroker>;
}

/** Responses of these APIs reach us unparsed: we check their error codes ourselves. */
const LENIENT_APIS = new Set(["ListOffsets", "OffsetFetch", "DescribeGroups", "DescribeConfigs", "ListGroups"]);
/** Connection set-up requests, not counted in a collection's request count. */
const HANDSHAKE_APIS = new Set(["ApiVersions", "SaslHandshake", "SaslAuthenticate"]);
const UNKNOWN_TOPIC_OR_PARTITION = 3;

const attribution = new AsyncLocalStorage<{ count: number }>();

/** Runs `work` and counts the Kafka requests it sends (handshakes excluded). */
export async function countRequests<T>(work: () => Promise<T>): Promise<{ result: T; requests: number }> {
  const counter = { count: 0 };
  const result = await attribution.run(counter, work);
  return { result, requests: counter.count };
}

const PATCHED = Symbol.for("ripcord.kafka.patched");

function lenientMetadata(cluster: KCluster, data: RawMetadata): RawMetadata {
  const gone = data.topicMetadata.filter((t) => t.topicErrorCode === UNKNOWN_TOPIC_OR_PARTITION).map((t) => t.topic);
  for (const topic of gone) cluster.targetTopics.delete(topic);
  return gone.length === 0 ? data : { ...data, topicMetadata: data.topicMetadata.filter((t) => !gone.includes(t.topic)) };
}

function patchBroker(cluster: KCluster, broker: KBroker): KBroker {
  const pool = broker.connectionPool as KBroker["connectionPool"] & { [PATCHED]?: true };
  if (pool[PATCHED]) return broker;
  const send = pool.send.bind(pool);
  pool.send = (protocolRequest: ProtocolRequest) => {
    const apiName = protocolRequest.request.apiName;
    const counter = attribution.getStore();
    if (counter && !HANDSHAKE_APIS.has(apiName)) counter.count++;
    if (apiName === "Metadata") {
      const response = { ...protocolRequest.response, parse: async (data: unknown) => lenientMetadata(cluster, data as RawMetadata) };
      return send({ ...protocolRequest, response });
    }
    if (LENIENT_APIS.has(apiName)) {
      return send({ ...protocolRequest, response: { ...protocolRequest.response, parse: async (data: unknown) => data } });
    }
    return send(protocolRequest);
  };
  pool[PATCHED] = true;
  return broker;
}

export interface InstrumentedAdmin {
  admin: Admin;
  cluster: KCluster;
  /** Every request the admin's connections sent, as seen by kafkajs instrumentation events. */
  instrumentedRequests(): number;
}

/** Builds an admin client and gets hold of its Cluster (see the module comment). */
export function createInstrumentedAdmin(kafka: Kafka, retries: number): InstrumentedAdmin {
  const holder = kafka as unknown as Record<symbol, (options: unknown) => unknown>;
  const factory = Object.getOwnPropertySymbols(kafka).find((s) => s.description === "private:Kafka:createCluster");
  const original = factory ? holder[factory] : undefined;
  if (!factory || !original) throw new Error("kafkajs internals changed: private createCluster factory not found");
  let captured: KCluster | undefined;
  holder[factory] = (options: unknown) => {
    captured = original(options) as KCluster;
    return captured;
  };
  let admin: Admin;
  try {
    admin = kafka.admin({ retry: { retries, initialRetryTime: 100, maxRetryTime: 1000 } });
  } finally {
    holder[factory] = original;
  }
  const cluster = captured;
  if (!cluster?.brokerPool || typeof cluster.brokerPool.createBroker !== "function") {
    throw new Error("kafkajs internals changed: admin cluster not captured");
  }
  const pool = cluster.brokerPool;
  const createBroker = pool.createBroker;
  pool.createBroker = (options: unknown) => patchBroker(cluster, createBroker(options));

  let total = 0;
  admin.on(admin.events.REQUEST, (event) => {
    const apiName = (event.payload as { apiName?: string }).apiName ?? "";
    if (!HANDSHAKE_APIS.has(apiName)) total++;
  });
  return { admin, cluster, instrumentedRequests: () => total };
}

/** Does the broker's ApiVersions answer offer `apiKey` at `version` or newer? */
export function brokerOffers(broker: Pick<KBroker, "versions">, apiKey: number, version: number): boolean {
  return (broker.versions?.[apiKey]?.maxVersion ?? -1) >= version;
}

/** Kafka error codes we name in warnings (the rest print as "error N"). */
const ERROR_NAMES: Record<number, string> = {
  3: "UNKNOWN_TOPIC_OR_PARTITION",
  5: "LEADER_NOT_AVAILABLE",
  6: "NOT_LEADER_OR_FOLLOWER",
  7: "REQUEST_TIMED_OUT",
  9: "REPLICA_NOT_AVAILABLE",
  14: "COORDINATOR_LOAD_IN_PROGRESS",
  15: "COORDINATOR_NOT_AVAILABLE",
  16: "NOT_COORDINATOR",
  29: "TOPIC_AUTHORIZATION_FAILED",
  30: "GROUP_AUTHORIZATION_FAILED",
  31: "CLUSTER_AUTHORIZATION_FAILED",
  35: "UNSUPPORTED_VERSION",
  41: "NOT_CONTROLLER",
  57: "LOG_DIR_NOT_FOUND",
  69: "GROUP_ID_NOT_FOUND",
  74: "FENCED_LEADER_EPOCH",
  75: "UNKNOWN_LEADER_EPOCH",
  100: "UNKNOWN_TOPIC_ID",
  112: "UNSUPPORTED_ENDPOINT_TYPE",
};

export function errorName(code: number): string {
  return ERROR_NAMES[code] ?? `error ${code}`;
}

/** ApiVersions of ZooKeeper-mode brokers list LeaderAndIsr (key 4); KRaft brokers never do. */
export function looksLikeKraft(versions: KBroker["versions"]): boolean | null {
  if (!versions || Object.keys(versions).length === 0) return null;
  return !(4 in versions);
}
