import "server-only";
import { breachAlert } from "@/lib/domain/freshness/breach";
import { FRESHNESS_BREACH_KIND, type FreshnessBreachPayload } from "@/lib/domain/freshness/types";
import type { FreshnessProposalView } from "@/lib/schemas/freshness";
import { ingestAlertsAs } from "@/lib/server/alerts/ingest-alerts";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { AppError, conflict, forbidden, notFound } from "@/lib/server/http/errors";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { authorOf, SYSTEM_AUTHOR } from "@/lib/server/incidents/mappers";
import { toProposalView } from "./proposal-view";

/**
 * A person opens a proposed breach as an incident: through the alert intake like a breach the
 * watch opens itself (owners, routing, kept evidence, notifications), impact start at the
 * breach, detected when the watch saw it, the person as the opener. Claimed first, so of two
 * people clicking at once one opens it and the other is told who did.
 */
export async function openProposal(id: string, principal: Principal): Promise<{ proposal: FreshnessProposalView; incidentId: string }> {
  const row = await db().freshnessProposal.findUnique({ where: { id } });
  if (!row) throw notFound(`freshness proposal ${id.slice(0, 64)}`);
  if (principal.kind !== "user") throw forbidden("a person opens a proposed incident: sign in, or use a personal token");
  const claimed = await db().freshnessProposal.updateMany({ where: { id, status: "open" }, data: { status: "opened", decidedById: principal.id, decidedByName: principal.name, decidedAt: new Date() } });
  if (claimed.count === 0) {
    const now = await db().freshnessProposal.findUniqueOrThrow({ where: { id } });
    throw conflict(`this proposal is ${now.status}${now.decidedByName ? ` (by ${now.decidedByName})` : ""}`, { proposalStatus: now.status, incidentId: now.incidentId });
  }
  const breach = JSON.parse(row.breach) as FreshnessBreachPayload;
  let incidentId: string | null = null;
  try {
    const intake = await ingestAlertsAs([breachAlert(breach)], authorOf(principal), new Date(breach.detectedAt));
    incidentId = intake.incidents[0]?.id ?? null;
    if (!incidentId) throw new AppError("UNPROCESSABLE", `no incident could be opened on cluster "${breach.cluster}"`);
  } catch (error) {
    await db().freshnessProposal.updateMany({ where: { id, status: "opened", decidedById: principal.id }, data: { status: "open", decidedById: null, decidedByName: null, decidedAt: null } });
    throw error;
  }
  await appendEntry({ incidentId, kind: FRESHNESS_BREACH_KIND, item: null, idempotencyKey: `freshness-proposal:${id}`, author: SYSTEM_AUTHOR, payload: breach });
  const updated = await db().freshnessProposal.update({ where: { id }, data: { incidentId } });
  return { proposal: toProposalView(updated), incidentId };
}
