import "server-only";
import { db } from "@/lib/server/db";
import type { SeverityEvaluation } from "./classify-severity";

/** An incident's current severity proposal as GET /api/incidents/{id} carries it (docs/contracts.md §4). */
export interface CurrentProposal extends SeverityEvaluation {
  evaluatedAt: string;
  /** seq of the log entry that announced this level; null while none has (no evidence yet) */
  entrySeq: number | null;
}

/** The stored current proposal (lib/server/incidents/refresh-proposal.ts); null before the first evaluation. */
export async function readCurrentProposal(incidentId: string): Promise<CurrentProposal | null> {
  const row = await db().severityProposal.findUnique({ where: { incidentId } });
  return row ? (JSON.parse(row.payload) as CurrentProposal) : null;
}
