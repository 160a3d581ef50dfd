import "server-only";
import { db } from "@/lib/server/db";
import { toCatalogEntry, type StoredCatalogEntry } from "./mappers";

/** The whole catalog, topics first, then groups, each by match. */
export async function listCatalogEntries(): Promise<StoredCatalogEntry[]> {
  const rows = await db().catalogEntry.findMany({ orderBy: [{ kind: "desc" }, { match: "asc" }] });
  return rows.map(toCatalogEntry);
}
