import { z } from "zod";

export const PROPOSAL_STATUSES = ["open", "opened", "dismissed", "recovered", "joined"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const ProposalParams = z.object({ id: z.string().min(1).max(64) });

export const DismissProposalBody = z.object({ reason: z.string().trim().min(1, "say why it is not an incident").max(500) });
export type DismissProposalBody = z.infer<typeof DismissProposalBody>;

/** A breach the freshness watch proposes for a person to open (catalog onBreach: propose). */
export const FreshnessProposalView = z.object({
  id: z.string(),
  cluster: z.string(),
  group: z.string(),
  topics: z.array(z.string()),
  service: z.string(),
  tier: z.string(),
  status: z.enum(PROPOSAL_STATUSES),
  breachStartedAt: z.string(),
  detectedAt: z.string(),
  /** one line per rule tripped, quoting the numbers */
  rules: z.array(z.string()),
  summary: z.string(),
  incidentId: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type FreshnessProposalView = z.infer<typeof FreshnessProposalView>;
