import "server-only";
import type { Prisma, Incident as IncidentRow, IncidentEntry as EntryRow } from "@prisma/client";
import type { EntryAuthor } from "@/lib/domain/incidents/types";

/**
 * The smallest adapter alert intake needs: appends to an incident's log INSIDE a caller's
 * interactive transaction, so one webhook payload — incidents opened, alerts recorded,
 * entries appended — commits or rolls back as a whole (issue 9: nothing partial is stored).
 * It keeps appendEntry's rules (lib/server/incidents/append-entry.ts): next gapless seq, the
 * projection's lastSeq guard in the same write (a concurrent appendEntry on the same incident
 * then fails its own guard and answers CONFLICT/retry), payload as JSON. The caller publishes
 * the returned rows to live listeners after the commit.
 */
export async function appendInTx(
  tx: Prisma.TransactionClient,
  incident: Pick<IncidentRow, "id" | "lastSeq">,
  entry: { kind: string; payload: unknown; author: EntryAuthor; item?: string | null },
  project: { status?: string } = {},
): Promise<{ row: EntryRow; incident: Pick<IncidentRow, "id" | "lastSeq"> }> {
  const seq = incident.lastSeq + 1;
  await tx.incident.update({ where: { id: incident.id, lastSeq: incident.lastSeq }, data: { lastSeq: seq, ...project } });
  const row = await tx.incidentEntry.create({
    data: {
      incidentId: incident.id,
      seq,
      kind: entry.kind,
      item: entry.item ?? null,
      authorId: entry.author.id,
      authorName: entry.author.name,
      authorKind: entry.author.kind,
      payload: JSON.stringify(entry.payload ?? {}),
    },
  });
  return { row, incident: { id: incident.id, lastSeq: seq } };
}
