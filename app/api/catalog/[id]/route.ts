import { deleteCatalogEntry } from "@/lib/server/catalog/delete-entry";
import { updateCatalogEntry } from "@/lib/server/catalog/upsert-entry";
import { catalogOperations } from "@/lib/server/http/openapi/catalog-operations";
import { route } from "@/lib/server/http/route";

export const PUT = route(catalogOperations.update, async ({ params, body }) => ({ entry: await updateCatalogEntry(params.id, body) }));

export const DELETE = route(catalogOperations.remove, async ({ params }) => {
  await deleteCatalogEntry(params.id);
  return new Response(null, { status: 204 });
});
