import "server-only";
import type { Incident as IncidentRow, IncidentEntry as EntryRow } from "@prisma/client";
import type { Principal } from "@/lib/server/auth/identify";
import type { AuthorKind, EntryAuthor, IncidentEntry, IncidentScope, IncidentStatus, SeverityLevel } from "@/lib/domain/incidents/types";

export function toEntry(row: EntryRow): IncidentEntry {
  return {
    id: row.id,
    incidentId: row.incidentId,
    seq: row.seq,
    kind: row.kind,
    item: row.item,
    author: { id: row.authorId, name: row.authorName, kind: row.authorKind as AuthorKind },
    createdAt: row.createdAt.toISOString(),
    payload: JSON.parse(row.payload) as unknown,
    correctsEntryId: row.correctsEntryId,
  };
}

export interface IncidentSummary {
  id: string;
  title: string;
  cluster: string;
  scope: IncidentScope;
  status: IncidentStatus;
  severity: SeverityLevel | null;
  commanderId: string | null;
  openedAt: string;
  updatedAt: string;
  lastSeq: number;
}

export function toSummary(row: IncidentRow): IncidentSummary {
  return {
    id: row.id,
    title: row.title,
    cluster: row.cluster,
    scope: JSON.parse(row.scope) as IncidentScope,
    status: row.status as IncidentStatus,
    severity: row.severity as SeverityLevel | null,
    commanderId: row.commanderId,
    openedAt: row.openedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastSeq: row.lastSeq,
  };
}

export function authorOf(principal: Principal): EntryAuthor {
  return { id: principal.id, name: principal.name, kind: principal.kind };
}

export const SYSTEM_AUTHOR: EntryAuthor = { id: "system", name: "Ripcord", kind: "system" };
