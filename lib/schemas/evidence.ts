import { z } from "zod";

/**
 * The evidence every incident judgement rests on, as each of its routes reports it (severity
 * evaluation, diagnosis, checklist, verification): the same scope-evidence service, so the same
 * numbers for the same moment. `known` / `unknown` say what a short history cannot tell yet.
 */
export const EvidenceSummaryView = z.object({
  source: z.enum(["sampler", "none"]),
  takenAt: z.string().nullable(),
  samples: z.number(),
  windowSeconds: z.number(),
  reachBackFrom: z.string().nullable(),
  known: z.array(z.string()),
  unknown: z.array(z.string()),
  groups: z.array(
    z.object({
      groupId: z.string(),
      status: z.string(),
      totalLag: z.number(),
      maxTimeLagSeconds: z.number().nullable(),
      lagGrowthPerSec: z.number().nullable(),
      drain: z.string(),
      lagStartedAt: z.string().nullable(),
    }),
  ),
});
export type EvidenceSummaryView = z.infer<typeof EvidenceSummaryView>;
