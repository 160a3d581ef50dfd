import "server-only";
import type { DismissProposalBody, FreshnessProposalView } from "@/lib/schemas/freshness";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { conflict, forbidden, notFound } from "@/lib/server/http/errors";
import { toProposalView } from "./proposal-view";

/** A person decides a proposed breach is not an incident, and says why; the watch does not propose the same breach again. */
export async function dismissProposal(id: string, body: DismissProposalBody, principal: Principal): Promise<FreshnessProposalView> {
  const row = await db().freshnessProposal.findUnique({ where: { id }, select: { id: true } });
  if (!row) throw notFound(`freshness proposal ${id.slice(0, 64)}`);
  if (principal.kind !== "user") throw forbidden("a person dismisses a proposed incident: sign in, or use a personal token");
  const claimed = await db().freshnessProposal.updateMany({ where: { id, status: "open" }, data: { status: "dismissed", reason: body.reason, decidedById: principal.id, decidedByName: principal.name, decidedAt: new Date() } });
  const now = await db().freshnessProposal.findUniqueOrThrow({ where: { id } });
  if (claimed.count === 0) throw conflict(`this proposal is ${now.status}${now.decidedByName ? ` (by ${now.decidedByName})` : ""}`, { proposalStatus: now.status, incidentId: now.incidentId });
  return toProposalView(now);
}
