/**
 * Which consumer groups the freshness watch evaluates (pure): every live group the catalog
 * covers — by its own group entry, or by a topic entry with a freshness SLO for a topic it
 * reads. The strictest SLO applies; service, team, tier and onBreach come from the group's own
 * entry when it has one, else from the topic's.
 */
import { findEntry } from "@/lib/domain/catalog/match";
import type { CatalogEntry, OnBreach } from "@/lib/domain/catalog/types";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";

export interface WatchedStream {
  group: string;
  topics: string[];
  freshnessSloSeconds: number | null;
  service: string;
  team: string;
  tier: string;
  onBreach: OnBreach;
  /** the entry it is watched through, "group orders-sink" */
  via: string;
}

export function watchedStreams(catalog: readonly CatalogEntry[], latest: ClusterSnapshot): WatchedStream[] {
  const out: WatchedStream[] = [];
  for (const g of latest.groups) {
    const topics = [...new Set(g.offsets.map((o) => o.topic))].sort();
    const own = findEntry(catalog, "group", g.groupId);
    const topicEntries = topics.map((t) => findEntry(catalog, "topic", t)).filter((e): e is CatalogEntry => e !== null && e.freshnessSloSeconds !== null);
    if (!own && topicEntries.length === 0) continue;
    const slos = [own?.freshnessSloSeconds, ...topicEntries.map((e) => e.freshnessSloSeconds)].filter((s): s is number => typeof s === "number");
    const base = own ?? topicEntries[0]!;
    out.push({
      group: g.groupId,
      topics,
      freshnessSloSeconds: slos.length ? Math.min(...slos) : null,
      service: base.service,
      team: base.team,
      tier: base.tier,
      onBreach: base.onBreach,
      via: `${base.kind} ${base.match}`,
    });
  }
  return out.sort((a, b) => a.group.localeCompare(b.group));
}
