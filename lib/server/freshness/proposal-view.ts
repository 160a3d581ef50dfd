import "server-only";
import type { FreshnessBreachPayload } from "@/lib/domain/freshness/types";
import type { FreshnessProposalView, ProposalStatus } from "@/lib/schemas/freshness";

export interface ProposalRow {
  id: string;
  cluster: string;
  group: string;
  status: string;
  breachStartedAt: Date;
  detectedAt: Date;
  breach: string;
  incidentId: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  reason: string | null;
}

export function toProposalView(row: ProposalRow): FreshnessProposalView {
  const breach = JSON.parse(row.breach) as FreshnessBreachPayload;
  return {
    id: row.id,
    cluster: row.cluster,
    group: row.group,
    topics: breach.topics,
    service: breach.service,
    tier: breach.tier,
    status: row.status as ProposalStatus,
    breachStartedAt: row.breachStartedAt.toISOString(),
    detectedAt: row.detectedAt.toISOString(),
    rules: breach.rules.map((r) => r.text),
    summary: breach.summary,
    incidentId: row.incidentId,
    decidedBy: row.decidedByName,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    reason: row.reason,
  };
}
