import { importCatalogYaml } from "@/lib/server/catalog/import-yaml";
import { catalogOperations } from "@/lib/server/http/openapi/catalog-operations";
import { route } from "@/lib/server/http/route";

/** All or nothing: an invalid file answers 422 with every error's line, and changes nothing. */
export const POST = route(catalogOperations.importYaml, async ({ body }) => importCatalogYaml(body.yaml, body.mode));
