import { blastRadius, routeScope } from "@/lib/domain/catalog/match";
import { listCatalogEntries } from "@/lib/server/catalog/list-entries";
import { severityContextFrom } from "@/lib/server/catalog/severity-context";
import { catalogOperations } from "@/lib/server/http/openapi/catalog-operations";
import { route } from "@/lib/server/http/route";

/** What the catalog says about these topics and groups: owners, severity context, blast radius per group. */
export const GET = route(catalogOperations.match, async ({ query }) => {
  const entries = await listCatalogEntries();
  const scope = { topics: query.topics, groups: query.groups };
  return {
    routing: routeScope(entries, scope),
    severity: severityContextFrom(entries, scope),
    blastRadius: query.groups.map((g) => blastRadius(entries, g)),
  };
});
