import "server-only";
import { serializeCatalogYaml } from "@/lib/domain/catalog/yaml";
import { listCatalogEntries } from "./list-entries";

export async function exportCatalogYaml(now: Date = new Date()): Promise<string> {
  return serializeCatalogYaml(await listCatalogEntries(), now.toISOString());
}
