import { CatalogEntryInput } from "@/lib/schemas/catalog";
import { listCatalogEntries } from "@/lib/server/catalog/list-entries";
import { upsertCatalogEntry } from "@/lib/server/catalog/upsert-entry";
import { json, route } from "@/lib/server/http/route";

export const GET = route({ auth: "viewer" }, async () => ({ entries: await listCatalogEntries() }));

/** Creates the entry for a topic/group, or replaces the existing one with the same match. */
export const POST = route({ auth: "admin", body: CatalogEntryInput }, async ({ body }) => {
  const { entry, created } = await upsertCatalogEntry(body);
  return json({ entry }, { status: created ? 201 : 200 });
});
