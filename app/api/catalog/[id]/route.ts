import { CatalogEntryInput, CatalogEntryParams } from "@/lib/schemas/catalog";
import { deleteCatalogEntry } from "@/lib/server/catalog/delete-entry";
import { updateCatalogEntry } from "@/lib/server/catalog/upsert-entry";
import { route } from "@/lib/server/http/route";

export const PUT = route({ auth: "admin", params: CatalogEntryParams, body: CatalogEntryInput }, async ({ params, body }) => ({ entry: await updateCatalogEntry(params.id, body) }));

export const DELETE = route({ auth: "admin", params: CatalogEntryParams }, async ({ params }) => {
  await deleteCatalogEntry(params.id);
  return new Response(null, { status: 204 });
});
