import "server-only";
import type { z } from "zod";
import { toEntry, type CatalogEntryInput } from "@/lib/domain/catalog/schema";
import { db, isPrismaError } from "@/lib/server/db";
import { conflict, notFound } from "@/lib/server/http/errors";
import { toCatalogEntry, toCatalogRow, type StoredCatalogEntry } from "./mappers";

type Input = z.output<typeof CatalogEntryInput>;

/** Creates the entry for a topic/group match, or replaces the one already there. */
export async function upsertCatalogEntry(input: Input): Promise<{ entry: StoredCatalogEntry; created: boolean }> {
  const entry = toEntry(input);
  const data = toCatalogRow(entry);
  const existing = await db().catalogEntry.findUnique({ where: { kind_match: { kind: entry.kind, match: entry.match } } });
  const row = existing ? await db().catalogEntry.update({ where: { id: existing.id }, data }) : await db().catalogEntry.create({ data });
  return { entry: toCatalogEntry(row), created: !existing };
}

/** Edits one entry by id (its match may change, as long as no other entry has it). */
export async function updateCatalogEntry(id: string, input: Input): Promise<StoredCatalogEntry> {
  const entry = toEntry(input);
  try {
    return toCatalogEntry(await db().catalogEntry.update({ where: { id }, data: toCatalogRow(entry) }));
  } catch (error) {
    if (isPrismaError(error, "P2025")) throw notFound("catalog entry");
    if (isPrismaError(error, "P2002")) throw conflict(`another entry already matches ${entry.kind} ${entry.match}`);
    throw error;
  }
}
