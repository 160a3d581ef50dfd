/**
 * Matching names to catalog entries, and what the catalog answers from a match: routing (the
 * three owners), the severity context (freshness SLO and tier per stream, in the shape
 * proposeSeverity expects) and the blast radius of a lagging group.
 *
 * Precedence: an exact entry wins over any pattern; among patterns the one with more literal
 * characters wins (`payments.orders.*` over `payments.*`), then the alphabetically first, so
 * the answer never depends on storage order.
 */
import type { StreamOwnership } from "@/lib/domain/severity/propose";
import { globMatches, isPattern, literalCount } from "./glob";
import { OWNER_ROLES, type CatalogEntry, type EntryKind, type Owner, type OwnerRole } from "./types";

export function compareSpecificity(a: Pick<CatalogEntry, "match">, b: Pick<CatalogEntry, "match">): number {
  const pa = isPattern(a.match);
  const pb = isPattern(b.match);
  if (pa !== pb) return pa ? 1 : -1;
  const byLiterals = literalCount(b.match) - literalCount(a.match);
  if (byLiterals !== 0) return byLiterals;
  return a.match < b.match ? -1 : a.match > b.match ? 1 : 0;
}

/** The entry that owns `name` (a topic or a group), or null. */
export function findEntry(entries: readonly CatalogEntry[], kind: EntryKind, name: string): CatalogEntry | null {
  let best: CatalogEntry | null = null;
  for (const e of entries) {
    if (e.kind !== kind || !globMatches(e.match, name)) continue;
    if (!best || compareSpecificity(e, best) < 0) best = e;
  }
  return best;
}

export interface ScopeNames {
  topics: readonly string[];
  groups: readonly string[];
}

export interface ScopeMatch {
  kind: EntryKind;
  name: string;
  entry: CatalogEntry;
}

export interface SuggestedOwner extends Owner {
  role: OwnerRole;
  /** the service and entry this suggestion comes from */
  service: string;
  team: string;
  via: string;
}

export interface Routing {
  matches: ScopeMatch[];
  /** names in scope no entry covers: the catalog has a gap there */
  unmatched: { kind: EntryKind; name: string }[];
  owners: Record<OwnerRole, SuggestedOwner[]>;
  services: string[];
  runbooks: { service: string; url: string }[];
}

/**
 * Who to bring in for a scope. Group entries come first: the consuming application is the
 * closest owner of a lag symptom; topic entries (producers, platform) follow. Owners with the
 * same name and contact are listed once per role.
 */
export function routeScope(entries: readonly CatalogEntry[], scope: ScopeNames): Routing {
  const matches: ScopeMatch[] = [];
  const unmatched: Routing["unmatched"] = [];
  for (const [kind, names] of [["group", scope.groups], ["topic", scope.topics]] as const) {
    for (const name of names) {
      const entry = findEntry(entries, kind, name);
      if (entry) matches.push({ kind, name, entry });
      else unmatched.push({ kind, name });
    }
  }
  const owners = { impact: [], diagnosis: [], action: [] } as Record<OwnerRole, SuggestedOwner[]>;
  for (const role of OWNER_ROLES) {
    const seen = new Set<string>();
    for (const m of matches) {
      const o = m.entry.owners[role];
      const key = `${o.name}\u0000${o.contact}`;
      if (seen.has(key)) continue;
      seen.add(key);
      owners[role].push({ ...o, role, service: m.entry.service, team: m.entry.team, via: `${m.kind} ${m.entry.match}` });
    }
  }
  const services = [...new Set(matches.map((m) => m.entry.service))];
  const runbooks: Routing["runbooks"] = [];
  for (const m of matches) if (m.entry.runbook && !runbooks.some((r) => r.url === m.entry.runbook)) runbooks.push({ service: m.entry.service, url: m.entry.runbook });
  return { matches, unmatched, owners, services, runbooks };
}

/**
 * The severity context of a scope: one StreamOwnership per named topic and group the catalog
 * covers, with concrete names (proposeSeverity compares names, not patterns).
 */
export function severityStreams(entries: readonly CatalogEntry[], scope: ScopeNames): StreamOwnership[] {
  const streams: StreamOwnership[] = [];
  const slo = (e: CatalogEntry) => (e.freshnessSloSeconds !== null ? { freshnessSloSeconds: e.freshnessSloSeconds } : {});
  for (const group of scope.groups) {
    const e = findEntry(entries, "group", group);
    if (e) streams.push({ group, tier: e.tier, ...slo(e) });
  }
  for (const topic of scope.topics) {
    const e = findEntry(entries, "topic", topic);
    if (e) streams.push({ topic, tier: e.tier, ...slo(e) });
  }
  return streams;
}

export interface BlastReader {
  /** a group id (from Kafka) or a catalog group pattern */
  group: string;
  service: string | null;
  team: string | null;
  tier: CatalogEntry["tier"] | null;
  topics: string[];
  /** "kafka": the group is seen reading the topic now; "catalog": a catalog entry says it reads it */
  source: "kafka" | "catalog";
  lagging: boolean;
}

export interface BlastRadius {
  group: string;
  topics: string[];
  readers: BlastReader[];
  /** every distinct service reading those topics, the lagging group's own first */
  services: string[];
  /** topic owners (producers/platform) of the topics, from topic entries */
  topicOwners: { topic: string; service: string; team: string }[];
}

/**
 * Which services read the topics of a lagging group. The group's topics come from Kafka when
 * known (`groupTopics`), else from its catalog entry's `reads` (exact names only). Readers are
 * the live groups on those topics (from Kafka, owners looked up in the catalog) and the catalog
 * group entries whose `reads` cover them.
 */
export function blastRadius(
  entries: readonly CatalogEntry[],
  laggingGroup: string,
  options: { groupTopics?: readonly string[]; liveGroups?: readonly { groupId: string; topics: readonly string[] }[] } = {},
): BlastRadius {
  const own = findEntry(entries, "group", laggingGroup);
  const topics = [...new Set(options.groupTopics ?? own?.reads.filter((t) => !isPattern(t)) ?? [])].sort();
  const readers: BlastReader[] = [];
  const byGroup = new Map<string, BlastReader>();
  const add = (r: BlastReader) => {
    const known = byGroup.get(r.group);
    if (known) {
      known.topics = [...new Set([...known.topics, ...r.topics])].sort();
      if (r.source === "kafka") known.source = "kafka";
      return;
    }
    byGroup.set(r.group, r);
    readers.push(r);
  };
  for (const live of options.liveGroups ?? []) {
    const shared = live.topics.filter((t) => topics.includes(t));
    if (!shared.length) continue;
    const e = findEntry(entries, "group", live.groupId);
    add({ group: live.groupId, service: e?.service ?? null, team: e?.team ?? null, tier: e?.tier ?? null, topics: shared, source: "kafka", lagging: live.groupId === laggingGroup });
  }
  for (const e of entries) {
    if (e.kind !== "group") continue;
    const shared = topics.filter((t) => e.reads.some((r) => globMatches(r, t)));
    if (!shared.length) continue;
    // A pattern entry already represented by a live group it matches adds nothing new.
    if (isPattern(e.match) && readers.some((r) => r.source === "kafka" && r.service === e.service && globMatches(e.match, r.group))) continue;
    add({ group: e.match, service: e.service, team: e.team, tier: e.tier, topics: shared, source: "catalog", lagging: globMatches(e.match, laggingGroup) });
  }
  readers.sort((a, b) => Number(b.lagging) - Number(a.lagging) || a.group.localeCompare(b.group));
  const services = [...new Set(readers.map((r) => r.service).filter((s): s is string => s !== null))];
  const topicOwners = topics.flatMap((topic) => {
    const e = findEntry(entries, "topic", topic);
    return e ? [{ topic, service: e.service, team: e.team }] : [];
  });
  return { group: laggingGroup, topics, readers, services, topicOwners };
}
