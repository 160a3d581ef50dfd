import "server-only";
import type { CatalogEntry } from "@/lib/domain/catalog/types";
import type { IncidentEntry, IncidentScope } from "@/lib/domain/incidents/types";
import { initialRouting } from "@/lib/domain/routing/owners";
import { OWNERS_SUGGESTED_KIND, type ClusterRoutingSettings } from "@/lib/domain/routing/types";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { SYSTEM_AUTHOR } from "@/lib/server/incidents/mappers";

/**
 * Every incident gets its owners, however it opened (by hand, from an alert, from a drill, by
 * the freshness watch): when the log has no "owners-suggested" entry yet, the catalog's
 * routing of its scope (and the cluster's platform owner) is appended as one. Alert intake
 * writes its own inside its transaction; this fills in for every other way. Idempotent.
 */
export async function ensureRouting(
  incident: { id: string; scope: IncidentScope },
  entries: readonly IncidentEntry[],
  catalog: readonly CatalogEntry[],
  settings: ClusterRoutingSettings,
): Promise<boolean> {
  if (entries.some((e) => e.kind === OWNERS_SUGGESTED_KIND)) return false;
  const payload = initialRouting(catalog, incident.scope, settings);
  const { duplicate } = await appendEntry({ incidentId: incident.id, kind: OWNERS_SUGGESTED_KIND, item: "owners", author: SYSTEM_AUTHOR, idempotencyKey: `routing-at-open:${incident.id}`, payload });
  return !duplicate;
}
