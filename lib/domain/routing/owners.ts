/**
 * Owners per side (pure): from the catalog's routing of a scope (routeScope) and the cluster's
 * platform owner. One function answers "who diagnoses and who acts when the cause is on this
 * side", for the routing at open and for every change after it.
 */
import { routeScope, type Routing, type ScopeNames, type SuggestedOwner } from "@/lib/domain/catalog/match";
import type { CatalogEntry, OwnerRole } from "@/lib/domain/catalog/types";
import { severityContextFrom } from "@/lib/domain/catalog/severity-context";
import type { ClusterRoutingSettings, OwnersSuggestedPayload, RoutingSide } from "./types";

export interface SideOwners {
  diagnosis: SuggestedOwner[];
  action: SuggestedOwner[];
  runbooks: { service: string; url: string }[];
  warnings: string[];
}

export function platformOwnerOf(settings: ClusterRoutingSettings | null, role: OwnerRole): SuggestedOwner | null {
  if (!settings?.platformOwner) return null;
  return { ...settings.platformOwner, role, service: "Kafka platform", team: settings.platformOwner.name, via: `cluster ${settings.cluster} platform owner` };
}

function fromMatches(routing: Routing, kind: "group" | "topic" | null, role: "diagnosis" | "action"): SuggestedOwner[] {
  const out: SuggestedOwner[] = [];
  const seen = new Set<string>();
  for (const m of routing.matches) {
    if (kind && m.kind !== kind) continue;
    const o = m.entry.owners[role];
    const key = `${o.name}\u0000${o.contact}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...o, role, service: m.entry.service, team: m.entry.team, via: `${m.kind} ${m.entry.match}` });
  }
  return out;
}

/** Who diagnoses and acts when the cause is on `side`; empty lists (with a warning) when nobody is known there. */
export function ownersForSide(routing: Routing, side: RoutingSide, settings: ClusterRoutingSettings | null): SideOwners {
  if (side === "platform") {
    const diagnosis = platformOwnerOf(settings, "diagnosis");
    const action = platformOwnerOf(settings, "action");
    return {
      diagnosis: diagnosis ? [diagnosis] : [],
      action: action ? [action] : [],
      runbooks: settings?.platformRunbook ? [{ service: "Kafka platform", url: settings.platformRunbook }] : [],
      warnings: diagnosis ? [] : [`no platform owner is set for cluster ${settings?.cluster ?? "(unknown)"} (Settings → Notifications)`],
    };
  }
  const kind = side === "consumer" ? "group" : "topic";
  const own = { diagnosis: fromMatches(routing, kind, "diagnosis"), action: fromMatches(routing, kind, "action") };
  const services = new Set(routing.matches.filter((m) => m.kind === kind).map((m) => m.entry.service));
  const runbooks = routing.runbooks.filter((r) => services.has(r.service));
  if (own.diagnosis.length) return { ...own, runbooks, warnings: [] };
  return { diagnosis: [], action: [], runbooks: [], warnings: [`the catalog names no ${side === "consumer" ? "consumer group" : "topic"} owner for this scope`] };
}

/** The side a fresh incident starts on: the consuming application when the catalog knows a group in scope, else the producer, else the platform. */
export function initialSide(routing: Routing, settings: ClusterRoutingSettings | null): RoutingSide {
  if (routing.matches.some((m) => m.kind === "group")) return "consumer";
  if (routing.matches.some((m) => m.kind === "topic")) return "producer";
  return settings?.platformOwner ? "platform" : "consumer";
}

/** The routing an incident gets when it opens, whichever way it opened: the payload of its "owners-suggested" entry. */
export function initialRouting(entries: readonly CatalogEntry[], scope: ScopeNames, settings: ClusterRoutingSettings | null): OwnersSuggestedPayload {
  const routing = routeScope(entries, scope);
  const side = initialSide(routing, settings);
  const own = ownersForSide(routing, side, settings);
  const severity = severityContextFrom(entries, scope);
  return {
    owners: { impact: routing.owners.impact, diagnosis: own.diagnosis, action: own.action },
    services: routing.services,
    runbooks: [...own.runbooks, ...routing.runbooks.filter((r) => !own.runbooks.some((o) => o.url === r.url))],
    unmatched: routing.unmatched,
    matches: routing.matches.map((m) => ({ kind: m.kind, name: m.name, match: m.entry.match, service: m.entry.service, team: m.entry.team, tier: m.entry.tier, freshnessSloSeconds: m.entry.freshnessSloSeconds })),
    streams: severity.streams,
    freshnessSloSeconds: severity.freshnessSloSeconds,
    tier: severity.tier ?? null,
    side,
    platform: platformOwnerOf(settings, "diagnosis"),
  };
}
