/**
 * The consumer-group part of a snapshot: locate every group (ListGroups per broker: the
 * broker that lists a group is its coordinator), describe each with the API of its protocol —
 * DescribeGroups for classic groups, ConsumerGroupDescribe (API 69) for KIP-848 ones — and read
 * their committed offsets (OffsetFetch v8 batches). Requests per coordinator c:
 *
 *   ⌈classic_c / 50⌉ DescribeGroups + ⌈consumer_c / 50⌉ ConsumerGroupDescribe + ⌈G_c / 100⌉ OffsetFetch
 *
 * ListGroups v5 (Kafka ≥ 3.8) says each group's type; an older broker has classic groups only.
 * A group that ConsumerGroupDescribe answers GROUP_ID_NOT_FOUND between listing and describing
 * (deleted, or converted to classic by a joining classic member) is described classically in one
 * more DescribeGroups round — the only request outside the formula.
 *
 * No `import "server-only"` (see errors.ts).
 */
import { groupsUndescribedWarning, groupsUnlistedWarning } from "@/lib/domain/evidence/group-listing";
import type { GroupSnapshot } from "@/lib/domain/evidence/types";
import { brokerOffers, errorName, type KBroker, type KCluster, type RawDescribedGroup, type RawOffsetFetchResponse } from "./kafkajs-internals";
import { toConsumerGroup, toGroup, toGroupOffsets } from "./mappers";
import { CONSUMER_GROUP_DESCRIBE_API_KEY, consumerGroupDescribeRequest, type DescribedConsumerGroup } from "./protocol/consumer-group-describe";
import { LIST_GROUPS_API_KEY, LIST_GROUPS_TYPED_VERSION, listGroupsTypedRequest, type ListedGroup } from "./protocol/list-groups";
import { OFFSET_FETCH_API_KEY, OFFSET_FETCH_BATCH_VERSION, OFFSET_FETCH_GROUPS_PER_REQUEST, offsetFetchBatchRequest, type BatchedGroupOffsets } from "./protocol/offset-fetch";

export const DESCRIBE_GROUPS_BATCH = 50;
export const CONSUMER_GROUP_DESCRIBE_BATCH = 50;
const GROUP_ID_NOT_FOUND = 69;

export interface LocatedGroup {
  coordinator: number;
  protocolType: string;
  /** "classic" | "consumer" | "share" | "streams" … (ListGroups v5), "classic" from older brokers. */
  type: string;
}


/** Does this broker answer OffsetFetch v8 (many groups per request, Kafka ≥ 3.0)? */
export function supportsBatchedOffsetFetch(broker: Pick<KBroker, "versions">): boolean {
  return brokerOffers(broker, OFFSET_FETCH_API_KEY, OFFSET_FETCH_BATCH_VERSION);
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** B list-groups requests (one per live broker): group id → coordinator, protocol type and group type. */
export async function locateGroups(cluster: KCluster, brokers: number[], warnings: string[]): Promise<Map<string, LocatedGroup>> {
  const located = new Map<string, LocatedGroup>();
  await Promise.all(
    brokers.map(async (nodeId) => {
      try {
        const broker = await cluster.findBroker({ nodeId });
        let errorCode: number;
        let groups: ListedGroup[];
        if (brokerOffers(broker, LIST_GROUPS_API_KEY, LIST_GROUPS_TYPED_VERSION)) {
          ({ errorCode, groups } = (await broker.connectionPool.send(listGroupsTypedRequest())) as { errorCode: number; groups: ListedGroup[] });
        } else {
          const response = await broker.listGroups();
          errorCode = response.errorCode;
          groups = response.groups.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, groupState: "", groupType: "classic" }));
        }
        if (errorCode !== 0) warnings.push(groupsUnlistedWarning(nodeId, ` (${errorName(errorCode)})`));
        for (const g of groups) located.set(g.groupId, { coordinator: nodeId, protocolType: g.protocolType, type: g.groupType || "classic" });
      } catch (error) {
        warnings.push(groupsUnlistedWarning(nodeId, `: ${(error as Error).message}`));
      }
    }),
  );
  return located;
}

/** Committed offsets of the groups a coordinator owns: v8 batches where offered, else one request per group. */
async function fetchCommittedOffsets(broker: KBroker, groupIds: string[], warnings: string[]): Promise<Map<string, GroupSnapshot["offsets"]>> {
  const out = new Map<string, GroupSnapshot["offsets"]>();
  const accept = (groupId: string, response: RawOffsetFetchResponse) => {
    if (response.errorCode) warnings.push(`group ${groupId}: offsets unreadable (${errorName(response.errorCode)})`);
    else out.set(groupId, toGroupOffsets(response, warnings, groupId));
  };
  if (supportsBatchedOffsetFetch(broker)) {
    await Promise.all(
      batches(groupIds, OFFSET_FETCH_GROUPS_PER_REQUEST).map(async (batch) => {
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

async function describeClassic(broker: KBroker, nodeId: number, groupIds: string[], warnings: string[]): Promise<Map<string, RawDescribedGroup>> {
  const described = new Map<string, RawDescribedGroup>();
  await Promise.all(
    batches(groupIds, DESCRIBE_GROUPS_BATCH).map(async (batch) => {
      try {
        const response = await broker.describeGroups({ groupIds: batch });
        for (const g of response.groups) described.set(g.groupId, g);
      } catch (error) {
        warnings.push(groupsUndescribedWarning(nodeId, `: ${(error as Error).message}`));
      }
    }),
  );
  return described;
}

/** ConsumerGroupDescribe in batches; every group decoded on its own (errors stay per group). */
export async function describeConsumerGroups(broker: KBroker, nodeId: number, groupIds: string[], warnings: string[]): Promise<Map<string, DescribedConsumerGroup>> {
  const described = new Map<string, DescribedConsumerGroup>();
  if (groupIds.length === 0) return described;
  if (!brokerOffers(broker, CONSUMER_GROUP_DESCRIBE_API_KEY, 0)) {
    warnings.push(`broker ${nodeId} lists ${groupIds.length} consumer-protocol group(s) but offers no ConsumerGroupDescribe`);
    return described;
  }
  await Promise.all(
    batches(groupIds, CONSUMER_GROUP_DESCRIBE_BATCH).map(async (batch) => {
      try {
        const response = (await broker.connectionPool.send(consumerGroupDescribeRequest(batch))) as { groups: DescribedConsumerGroup[] };
        for (const g of response.groups) described.set(g.groupId, g);
      } catch (error) {
        warnings.push(groupsUndescribedWarning(nodeId, `: ${(error as Error).message}`, "consumer"));
      }
    }),
  );
  return described;
}

/** Describes and reads the offsets of the groups one coordinator owns. */
async function collectFromCoordinator(cluster: KCluster, nodeId: number, groupIds: string[], located: Map<string, LocatedGroup>, warnings: string[]): Promise<GroupSnapshot[]> {
  const broker = await cluster.findBroker({ nodeId });
  const consumerIds = groupIds.filter((id) => located.get(id)?.type === "consumer");
  const classicIds = groupIds.filter((id) => located.get(id)?.type !== "consumer");
  const [classic, consumer, offsets] = await Promise.all([
    describeClassic(broker, nodeId, classicIds, warnings),
    describeConsumerGroups(broker, nodeId, consumerIds, warnings),
    fetchCommittedOffsets(broker, groupIds, warnings),
  ]);
  const converted = consumerIds.filter((id) => consumer.get(id)?.errorCode === GROUP_ID_NOT_FOUND);
  if (converted.length) for (const [id, g] of await describeClassic(broker, nodeId, converted, warnings)) classic.set(id, g);

  return groupIds.map((groupId) => {
    const own = offsets.get(groupId) ?? [];
    const cg = consumer.get(groupId);
    if (cg && cg.errorCode === 0) return toConsumerGroup(cg, own);
    if (cg && cg.errorCode !== GROUP_ID_NOT_FOUND) warnings.push(`group ${groupId} undescribed (${errorName(cg.errorCode)}${cg.errorMessage ? `: ${cg.errorMessage}` : ""})`);
    const listed = located.get(groupId);
    return toGroup(groupId, classic.get(groupId), listed?.protocolType, own, listed?.type);
  });
}

export async function collectGroups(cluster: KCluster, brokers: number[], wantedIds: string[] | undefined, warnings: string[]): Promise<GroupSnapshot[]> {
  const located = await locateGroups(cluster, brokers, warnings);
  const ids = (wantedIds ?? [...located.keys()]).filter((id) => {
    const g = located.get(id);
    if (!g) {
      warnings.push(`group ${id} not found`);
      return false;
    }
    if (g.type !== "classic" && g.type !== "consumer") {
      if (wantedIds) warnings.push(`group ${id} is a ${g.type} group: Ripcord reads classic and consumer-protocol groups`);
      return false;
    }
    return true;
  });
  const byCoordinator = new Map<number, string[]>();
  for (const id of ids) {
    const c = located.get(id)!.coordinator;
    byCoordinator.set(c, [...(byCoordinator.get(c) ?? []), id]);
  }
  const groups = (await Promise.all([...byCoordinator].map(([nodeId, groupIds]) => collectFromCoordinator(cluster, nodeId, groupIds, located, warnings)))).flat();
  return groups.sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
}

/** One group, wherever it lives (the gateway's describeGroups; actions read a group before changing it). */
export async function describeOneGroup(cluster: KCluster, groupId: string): Promise<GroupSnapshot> {
  const coordinator = await cluster.findGroupCoordinator({ groupId });
  const warnings: string[] = [];
  const [consumer, offsets] = await Promise.all([
    describeConsumerGroups(coordinator, coordinator.nodeId ?? -1, brokerOffers(coordinator, CONSUMER_GROUP_DESCRIBE_API_KEY, 0) ? [groupId] : [], warnings),
    coordinator.offsetFetch({ groupId, topics: [] }),
  ]);
  const own = toGroupOffsets(offsets, [], groupId);
  const cg = consumer.get(groupId);
  if (cg && cg.errorCode === 0) return toConsumerGroup(cg, own);
  const { groups } = await coordinator.describeGroups({ groupIds: [groupId] });
  return toGroup(groupId, groups[0], undefined, own);
}
