import "server-only";
import type { CatalogEntry as CatalogRow, Prisma } from "@prisma/client";
import type { CatalogEntry, EntryKind, OnBreach, Owner, Tier } from "@/lib/domain/catalog/types";

export type StoredCatalogEntry = CatalogEntry & { id: string; updatedAt: string };

export function toCatalogEntry(row: CatalogRow): StoredCatalogEntry {
  return {
    id: row.id,
    kind: row.kind as EntryKind,
    match: row.match,
    service: row.service,
    team: row.team,
    tier: row.tier as Tier,
    freshnessSloSeconds: row.freshnessSloSeconds,
    owners: { impact: JSON.parse(row.impactOwner) as Owner, diagnosis: JSON.parse(row.diagnosisOwner) as Owner, action: JSON.parse(row.actionOwner) as Owner },
    runbook: row.runbookUrl,
    reads: JSON.parse(row.reads) as string[],
    channels: JSON.parse(row.channels) as string[],
    onBreach: (row.onBreach === "propose" ? "propose" : "open") satisfies OnBreach,
    notes: row.notes,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toCatalogRow(e: CatalogEntry): Omit<Prisma.CatalogEntryCreateInput, "id" | "createdAt" | "updatedAt"> {
  return {
    kind: e.kind,
    match: e.match,
    service: e.service,
    team: e.team,
    tier: e.tier,
    freshnessSloSeconds: e.freshnessSloSeconds,
    impactOwner: JSON.stringify(e.owners.impact),
    diagnosisOwner: JSON.stringify(e.owners.diagnosis),
    actionOwner: JSON.stringify(e.owners.action),
    runbookUrl: e.runbook,
    reads: JSON.stringify(e.reads),
    channels: JSON.stringify(e.channels),
    onBreach: e.onBreach,
    notes: e.notes,
  };
}
