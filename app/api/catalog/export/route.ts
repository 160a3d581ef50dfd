import { exportCatalogYaml } from "@/lib/server/catalog/export-yaml";
import { catalogOperations } from "@/lib/server/http/openapi/catalog-operations";
import { route } from "@/lib/server/http/route";

export const GET = route(catalogOperations.exportYaml, async () => {
  const text = await exportCatalogYaml();
  return new Response(text, { headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": 'attachment; filename="ripcord-catalog.yaml"' } });
});
