import "server-only";
import { blastRadius, type BlastRadius } from "@/lib/domain/catalog/match";
import { listCatalogEntries } from "./list-entries";

/**
 * Which services read the topics of a lagging group: the catalog's group entries whose
 * `reads` cover those topics, plus (when the caller has a Kafka snapshot) the live groups on
 * them. The group's topics come from the caller (Kafka) or else its own catalog entry.
 */
export async function blastRadiusOf(group: string, options: Parameters<typeof blastRadius>[2] = {}): Promise<BlastRadius> {
  return blastRadius(await listCatalogEntries(), group, options);
}
