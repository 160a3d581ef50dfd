import "server-only";
import type { FreshnessProposalView } from "@/lib/schemas/freshness";
import { db } from "@/lib/server/db";
import { toProposalView } from "./proposal-view";

/** Breaches waiting for a person, oldest first. */
export async function listOpenProposals(): Promise<FreshnessProposalView[]> {
  const rows = await db().freshnessProposal.findMany({ where: { status: "open" }, orderBy: { detectedAt: "asc" }, take: 100 });
  return rows.map(toProposalView);
}
