import "server-only";
import type { FreshnessBreachPayload } from "@/lib/domain/freshness/types";
import { db } from "@/lib/server/db";

/** Proposals of the same breach: a restarted watch recomputes its start from the evidence, within a sample or two. */
const SAME_BREACH_MS = 60_000;

/**
 * Stores a breach of a stream whose catalog entry says "propose" for a person to open or
 * dismiss (GET /api/freshness/proposals). Once per breach: not again while one is open, nor for
 * the same breach after someone opened or dismissed it. Returns the proposal's id.
 */
export async function proposeBreach(breach: FreshnessBreachPayload): Promise<string> {
  const startedAt = Date.parse(breach.breachStartedAt);
  const existing = await db().freshnessProposal.findFirst({
    where: {
      cluster: breach.cluster,
      group: breach.group,
      OR: [{ status: "open" }, { status: { in: ["opened", "dismissed"] }, breachStartedAt: { gte: new Date(startedAt - SAME_BREACH_MS), lte: new Date(startedAt + SAME_BREACH_MS) } }],
    },
    select: { id: true },
  });
  if (existing) return existing.id;
  const row = await db().freshnessProposal.create({
    data: { cluster: breach.cluster, group: breach.group, breachStartedAt: new Date(startedAt), detectedAt: new Date(breach.detectedAt), breach: JSON.stringify(breach) },
    select: { id: true },
  });
  return row.id;
}

/** The stream recovered, or an incident naming the group took it over: its open proposal is no longer a question. */
export async function closeOpenProposals(cluster: string, group: string, status: "recovered" | "joined", incidentId: string | null = null): Promise<number> {
  const { count } = await db().freshnessProposal.updateMany({ where: { cluster, group, status: "open" }, data: { status, incidentId, decidedAt: new Date() } });
  return count;
}
