import { listCatalogEntries } from "@/lib/server/catalog/list-entries";
import { upsertCatalogEntry } from "@/lib/server/catalog/upsert-entry";
import { catalogOperations } from "@/lib/server/http/openapi/catalog-operations";
import { json, route } from "@/lib/server/http/route";

export const GET = route(catalogOperations.list, async () => ({ entries: await listCatalogEntries() }));

/** Creates the entry for a topic/group, or replaces the existing one with the same match. */
export const POST = route(catalogOperations.upsert, async ({ body }) => {
  const { entry, created } = await upsertCatalogEntry(body);
  return json({ entry }, { status: created ? 201 : 200 });
});
