import "server-only";
import type { ScopeNames } from "@/lib/domain/catalog/match";
import { severityContextFrom, type CatalogSeverityContext } from "@/lib/domain/catalog/severity-context";
import { listCatalogEntries } from "./list-entries";

export { severityContextFrom, type CatalogSeverityContext };

/**
 * The catalog's part of a severity proposal for these topics and groups: pass `streams` as
 * proposeSeverity's context.streams (lib/domain/severity/propose.ts); the incident classifier
 * takes `freshnessSloSeconds` (and a critical tier answers "critical workload").
 */
export async function severityContextFor(scope: ScopeNames): Promise<CatalogSeverityContext> {
  return severityContextFrom(await listCatalogEntries(), scope);
}
