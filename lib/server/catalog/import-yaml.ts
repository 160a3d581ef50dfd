import "server-only";
import { entryKey } from "@/lib/domain/catalog/schema";
import { parseCatalogYaml } from "@/lib/domain/catalog/yaml";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/http/errors";
import { toCatalogRow } from "./mappers";

export interface ImportResult {
  created: number;
  updated: number;
  deleted: number;
  total: number;
}

/**
 * Imports a catalog file, all or nothing. `replace` (the default) makes the catalog exactly
 * the file — the file in version control is the source of truth; `merge` only adds and
 * updates. Any invalid entry refuses the whole file (422, every error with its line); the
 * writes run in one transaction, so a failure midway leaves the catalog as it was.
 */
export async function importCatalogYaml(text: string, mode: "replace" | "merge" = "replace"): Promise<ImportResult> {
  const channels = new Set((await db().notificationChannel.findMany({ select: { name: true } })).map((c) => c.name));
  const parsed = parseCatalogYaml(text, { channels });
  if (!parsed.ok) {
    const first = parsed.errors[0];
    const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : "";
    throw new AppError("UNPROCESSABLE", `nothing was imported: line ${first?.line}: ${first?.path ? `${first.path}: ` : ""}${first?.message}${more}`, {
      fieldErrors: parsed.errors.map((e) => ({ path: e.path, message: `line ${e.line}, column ${e.column}: ${e.message}` })),
      extra: { lineErrors: parsed.errors },
    });
  }
  return db().$transaction(async (tx) => {
    const existing = await tx.catalogEntry.findMany({ select: { id: true, kind: true, match: true } });
    const byKey = new Map(existing.map((e) => [entryKey({ kind: e.kind as "topic" | "group", match: e.match }), e.id]));
    const keep = new Set<string>();
    let created = 0;
    let updated = 0;
    for (const entry of parsed.entries) {
      const key = entryKey(entry);
      keep.add(key);
      const id = byKey.get(key);
      if (id) {
        await tx.catalogEntry.update({ where: { id }, data: toCatalogRow(entry) });
        updated++;
      } else {
        await tx.catalogEntry.create({ data: toCatalogRow(entry) });
        created++;
      }
    }
    let deleted = 0;
    if (mode === "replace") {
      const gone = existing.filter((e) => !keep.has(entryKey({ kind: e.kind as "topic" | "group", match: e.match }))).map((e) => e.id);
      if (gone.length) deleted = (await tx.catalogEntry.deleteMany({ where: { id: { in: gone } } })).count;
    }
    const total = await tx.catalogEntry.count();
    return { created, updated, deleted, total };
  });
}
