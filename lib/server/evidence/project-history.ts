/**
 * Narrows a history to some topics and groups before handing it to computeSignals: the domain
 * functions look topics up by scanning arrays, which is fine for tens of topics and far too
 * slow for thousands, so the sampler's views compute per group (its topics only) and per chunk
 * of topics. Snapshot lookups are indexed once per snapshot (WeakMap), so projecting is O(scope).
 */
import type { ClusterSnapshot, GroupSnapshot, TopicSnapshot } from "@/lib/domain/evidence/types";

interface SnapshotIndex {
  topics: Map<string, TopicSnapshot>;
  groups: Map<string, GroupSnapshot>;
}

const indexes = new WeakMap<ClusterSnapshot, SnapshotIndex>();

export function indexOf(s: ClusterSnapshot): SnapshotIndex {
  let index = indexes.get(s);
  if (!index) {
    index = { topics: new Map(s.topics.map((t) => [t.name, t])), groups: new Map(s.groups.map((g) => [g.groupId, g])) };
    indexes.set(s, index);
  }
  return index;
}

/** Same snapshots with only the named topics and groups (order of the names kept). */
export function projectHistory(history: readonly ClusterSnapshot[], topics: readonly string[], groups: readonly string[]): ClusterSnapshot[] {
  return history.map((s) => {
    const index = indexOf(s);
    return {
      ...s,
      topics: topics.map((t) => index.topics.get(t)).filter((t): t is TopicSnapshot => t !== undefined),
      groups: groups.map((g) => index.groups.get(g)).filter((g): g is GroupSnapshot => g !== undefined),
      warnings: [],
    };
  });
}

/** Topics a group has committed offsets for anywhere in the history. */
export function topicsOfGroup(history: readonly ClusterSnapshot[], groupId: string): string[] {
  const topics = new Set<string>();
  for (const s of history) for (const o of indexOf(s).groups.get(groupId)?.offsets ?? []) topics.add(o.topic);
  return [...topics].sort();
}

/** Keeps at most `points` snapshots, evenly spaced, always including the newest. */
export function thin<T>(items: readonly T[], points: number): T[] {
  if (items.length <= points) return [...items];
  const step = items.length / points;
  const out: T[] = [];
  for (let i = 0; i < points - 1; i++) out.push(items[Math.floor(i * step)]!);
  out.push(items[items.length - 1]!);
  return out;
}
