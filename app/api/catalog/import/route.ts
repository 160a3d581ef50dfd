import { ImportCatalogBody } from "@/lib/schemas/catalog";
import { MAX_CATALOG_FILE_BYTES } from "@/lib/domain/catalog/yaml";
import { importCatalogYaml } from "@/lib/server/catalog/import-yaml";
import { route } from "@/lib/server/http/route";

/** All or nothing: an invalid file answers 422 with every error's line, and changes nothing. */
export const POST = route({ auth: "admin", body: ImportCatalogBody, maxBodyBytes: MAX_CATALOG_FILE_BYTES + 64 * 1024 }, async ({ body }) => importCatalogYaml(body.yaml, body.mode));
