import { exportCatalogYaml } from "@/lib/server/catalog/export-yaml";
import { route } from "@/lib/server/http/route";

export const GET = route({ auth: "viewer" }, async () => {
  const text = await exportCatalogYaml();
  return new Response(text, { headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": 'attachment; filename="ripcord-catalog.yaml"' } });
});
