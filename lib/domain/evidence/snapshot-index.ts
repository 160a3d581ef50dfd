/**
 * Lookups into snapshots by name instead of array scans. A snapshot holds thousands of topics
 * and groups at scale and the signals read every (topic, partition) of every sample, so scans
 * made computeSignals O(topics² · samples). Indexes are built once per snapshot object and
 * cached on it weakly: snapshots are never mutated after collection, and the result stays a
 * pure function of the input.
 */
import type { ClusterSnapshot, GroupSnapshot, PartitionSnapshot, TopicSnapshot } from "./types";

interface SnapshotIndex {
  topics: Map<string, TopicSnapshot>;
  groups: Map<string, GroupSnapshot>;
}

const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;
const snapshotIndexes = new WeakMap<ClusterSnapshot, SnapshotIndex>();
const committedIndexes = new WeakMap<GroupSnapshot, Map<string, number | null>>();

function indexOf(s: ClusterSnapshot): SnapshotIndex {
  let index = snapshotIndexes.get(s);
  if (!index) {
    index = { topics: new Map(), groups: new Map() };
    for (const t of s.topics) index.topics.set(t.name, t);
    for (const g of s.groups) index.groups.set(g.groupId, g);
    snapshotIndexes.set(s, index);
  }
  return index;
}

export function topicIn(s: ClusterSnapshot, name: string): TopicSnapshot | undefined {
  return indexOf(s).topics.get(name);
}

export function partitionIn(s: ClusterSnapshot, topic: string, partition: number): PartitionSnapshot | undefined {
  const partitions = indexOf(s).topics.get(topic)?.partitions;
  if (!partitions) return undefined;
  // Partitions arrive sorted by id from 0, so the id is almost always the position.
  const direct = partitions[partition];
  return direct?.partition === partition ? direct : partitions.find((p) => p.partition === partition);
}

export function groupIn(s: ClusterSnapshot, groupId: string): GroupSnapshot | undefined {
  return indexOf(s).groups.get(groupId);
}

/** The group's committed offset of one partition (null when none is committed). */
export function committedIn(g: GroupSnapshot | undefined, topic: string, partition: number): number | null {
  if (!g) return null;
  let index = committedIndexes.get(g);
  if (!index) {
    index = new Map(g.offsets.map((o) => [partitionKey(o.topic, o.partition), o.committedOffset]));
    committedIndexes.set(g, index);
  }
  return index.get(partitionKey(topic, partition)) ?? null;
}
