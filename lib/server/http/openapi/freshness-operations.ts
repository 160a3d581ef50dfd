import { z } from "zod";
import { DismissProposalBody, FreshnessProposalView, ProposalParams } from "@/lib/schemas/freshness";
import { defineOperations } from "./types";

const tag = "freshness";

export const freshnessOperations = defineOperations({
  listProposals: {
    method: "get",
    path: "/api/freshness/proposals",
    summary: "Freshness breaches waiting for a person (catalog entries with onBreach: propose), oldest first, with the rules tripped and their numbers",
    tag,
    auth: "viewer",
    response: z.object({ proposals: z.array(FreshnessProposalView) }),
  },
  openProposal: {
    method: "post",
    path: "/api/freshness/proposals/{id}/open",
    summary: "Open a proposed breach as an incident (impact start at the breach, the evidence at detection kept); 409 naming who decided when it is no longer open; a person only",
    tag,
    auth: "commander",
    params: ProposalParams,
    response: z.object({ proposal: FreshnessProposalView, incidentId: z.string() }),
    status: 201,
  },
  dismissProposal: {
    method: "post",
    path: "/api/freshness/proposals/{id}/dismiss",
    summary: "Not an incident: dismiss a proposed breach with a reason (the watch does not propose the same breach again); 409 when it is no longer open; a person only",
    tag,
    auth: "commander",
    params: ProposalParams,
    body: DismissProposalBody,
    response: z.object({ proposal: FreshnessProposalView }),
  },
});
