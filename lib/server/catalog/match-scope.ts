import "server-only";
import { routeScope, type Routing, type ScopeNames } from "@/lib/domain/catalog/match";
import { findEntry } from "@/lib/domain/catalog/match";
import { globMatches } from "@/lib/domain/catalog/glob";
import type { CatalogEntry } from "@/lib/domain/catalog/types";
import { listCatalogEntries } from "./list-entries";

/** Routing for a scope: the impact, diagnosis and action owners the catalog names. */
export async function routeForScope(scope: ScopeNames): Promise<Routing> {
  return routeScope(await listCatalogEntries(), scope);
}

export interface ScopedChange {
  topics: readonly string[];
  groups: readonly string[];
  service?: string;
}

/**
 * Does a change (deploy, schema change…) touch an incident's scope? Direct overlap of topics,
 * groups or services, or through the catalog: the changed service owns a topic or group in
 * scope, or the change names a topic/group the catalog puts under a service in scope.
 * For POST /api/events (record-event.ts) to call with the entries from listCatalogEntries().
 */
export function changeTouchesScope(entries: readonly CatalogEntry[], scope: ScopeNames & { services: readonly string[] }, change: ScopedChange): boolean {
  if (change.topics.some((t) => scope.topics.includes(t)) || change.groups.some((g) => scope.groups.includes(g))) return true;
  if (change.service && scope.services.includes(change.service)) return true;
  const serviceOf = (kind: "topic" | "group", name: string) => findEntry(entries, kind, name)?.service;
  if (change.service) {
    if (scope.topics.some((t) => serviceOf("topic", t) === change.service) || scope.groups.some((g) => serviceOf("group", g) === change.service)) return true;
    // the changed service consumes a topic in scope (its group entry reads it)
    if (entries.some((e) => e.kind === "group" && e.service === change.service && scope.topics.some((t) => e.reads.some((r) => globMatches(r, t))))) return true;
  }
  const changed = new Set([...change.topics.map((t) => serviceOf("topic", t)), ...change.groups.map((g) => serviceOf("group", g))].filter(Boolean));
  return scope.services.some((s) => changed.has(s));
}

/** Convenience: which of these incidents a change touches, loading the catalog once. */
export async function incidentsTouchedBy<I extends { scope: ScopeNames & { services: readonly string[] } }>(incidents: readonly I[], change: ScopedChange): Promise<I[]> {
  const entries = await listCatalogEntries();
  return incidents.filter((i) => changeTouchesScope(entries, i.scope, change));
}
