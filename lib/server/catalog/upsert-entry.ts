import "server-only";
import type { z } from "zod";
import { toEntry, type CatalogEntryInput } from "@/lib/domain/catalog/schema";
import type { CatalogEntry } from "@/lib/domain/catalog/types";
import { db, isPrismaError } from "@/lib/server/db";
import { AppError, conflict, notFound } from "@/lib/server/http/errors";
import { toCatalogEntry, toCatalogRow, type StoredCatalogEntry } from "./mappers";

type Input = z.output<typeof CatalogEntryInput>;

/** Every channel an entry names must exist (422 naming the field). */
async function checkChannels(entry: CatalogEntry): Promise<void> {
  if (!entry.channels.length) return;
  const known = new Set((await db().notificationChannel.findMany({ where: { name: { in: entry.channels } }, select: { name: true } })).map((c) => c.name));
  const errors = entry.channels.flatMap((name, i) => (known.has(name) ? [] : [{ path: `body.channels.${i}`, message: `no notification channel named ${name} (Settings → Notifications)` }]));
  if (errors.length) throw new AppError("UNPROCESSABLE", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { fieldErrors: errors });
}

/** Creates the entry for a topic/group match, or replaces the one already there. */
export async function upsertCatalogEntry(input: Input): Promise<{ entry: StoredCatalogEntry; created: boolean }> {
  const entry = toEntry(input);
  await checkChannels(entry);
  const data = toCatalogRow(entry);
  const existing = await db().catalogEntry.findUnique({ where: { kind_match: { kind: entry.kind, match: entry.match } } });
  const row = existing ? await db().catalogEntry.update({ where: { id: existing.id }, data }) : await db().catalogEntry.create({ data });
  return { entry: toCatalogEntry(row), created: !existing };
}

/** Edits one entry by id (its match may change, as long as no other entry has it). */
export async function updateCatalogEntry(id: string, input: Input): Promise<StoredCatalogEntry> {
  const entry = toEntry(input);
  await checkChannels(entry);
  try {
    return toCatalogEntry(await db().catalogEntry.update({ where: { id }, data: toCatalogRow(entry) }));
  } catch (error) {
    if (isPrismaError(error, "P2025")) throw notFound("catalog entry");
    if (isPrismaError(error, "P2002")) throw conflict(`another entry already matches ${entry.kind} ${entry.match}`);
    throw error;
  }
}
