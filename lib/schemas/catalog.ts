import { z } from "zod";
import { CatalogEntryInput } from "@/lib/domain/catalog/schema";
import { MAX_CATALOG_FILE_BYTES } from "@/lib/domain/catalog/yaml";

export { CatalogEntryInput };

export const CatalogEntryParams = z.object({ id: z.string().min(1).max(64) });

export const ImportCatalogBody = z.object({
  yaml: z.string().max(MAX_CATALOG_FILE_BYTES, "the file is over 1 MiB"),
  mode: z.enum(["replace", "merge"]).default("replace").describe("replace: the catalog becomes exactly the file; merge: only add and update"),
});

const csv = z
  .string()
  .max(4000)
  .optional()
  .transform((s) => (s ? s.split(",").map((x) => x.trim()).filter(Boolean) : []));
export const MatchCatalogQuery = z.object({ topics: csv, groups: csv });

const Owner = z.object({ name: z.string(), contact: z.string() });
export const CatalogEntryView = z.object({
  id: z.string(),
  kind: z.enum(["topic", "group"]),
  match: z.string(),
  service: z.string(),
  team: z.string(),
  tier: z.enum(["critical", "important", "standard"]),
  freshnessSloSeconds: z.number().nullable(),
  owners: z.object({ impact: Owner, diagnosis: Owner, action: Owner }),
  runbook: z.string().nullable(),
  reads: z.array(z.string()),
  channels: z.array(z.string()),
  onBreach: z.enum(["open", "propose"]),
  notes: z.string().nullable(),
  updatedAt: z.string(),
});
export type CatalogEntryView = z.infer<typeof CatalogEntryView>;

export const ImportResultView = z.object({ created: z.number(), updated: z.number(), deleted: z.number(), total: z.number() });
