import "server-only";
import { routeScope } from "@/lib/domain/catalog/match";
import type { CatalogEntry } from "@/lib/domain/catalog/types";
import type { IncidentEntry, IncidentScope } from "@/lib/domain/incidents/types";
import { deriveRouting } from "@/lib/domain/routing/derive";
import { routingChange } from "@/lib/domain/routing/follow";
import { ownersForSide } from "@/lib/domain/routing/owners";
import { ROUTING_CHANGED_KIND, SIDE_OF_BRANCH, type ClusterRoutingSettings, type RoutingCause, type RoutingChangedPayload } from "@/lib/domain/routing/types";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { SYSTEM_AUTHOR } from "@/lib/server/incidents/mappers";

/**
 * Moves the diagnosis and action owners to the side of `cause` when it is not the routing's
 * side now, as a "routing-changed" entry (seed 004: a broker cause belongs to the platform
 * team; the impact owner stays). `key` makes it idempotent per trigger. Returns whether an
 * entry was written.
 */
export async function followCause(
  incident: { id: string; scope: IncidentScope },
  entries: readonly IncidentEntry[],
  cause: RoutingCause,
  trigger: RoutingChangedPayload["trigger"],
  context: { catalog: readonly CatalogEntry[]; settings: ClusterRoutingSettings; key: string },
): Promise<boolean> {
  const state = deriveRouting(entries);
  if (!state) return false;
  const owners = ownersForSide(routeScope(context.catalog, incident.scope), SIDE_OF_BRANCH[cause.branch], context.settings);
  const payload = routingChange(state, cause, trigger, owners);
  if (!payload) return false;
  const { duplicate } = await appendEntry({ incidentId: incident.id, kind: ROUTING_CHANGED_KIND, item: "owners", author: SYSTEM_AUTHOR, idempotencyKey: context.key, payload });
  return !duplicate;
}
