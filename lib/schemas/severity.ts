import { z } from "zod";
import { SEVERITY_LEVELS } from "@/lib/domain/incidents/types";
import { QUESTION_IDS, type QuestionId } from "@/lib/domain/severity/questions";
import { EvidenceSummaryView } from "./evidence";

const questionIds = QUESTION_IDS as [QuestionId, ...QuestionId[]];
const answer = z.enum(["yes", "no", "unknown"]);

/** One reason of a proposal (lib/domain/severity/propose.ts). */
export const SeverityReasonView = z.object({
  question: z.string(),
  text: z.string(),
  evidence: z.string().optional(),
  source: z.enum(["kafka", "commander", "catalog"]),
  level: z.enum(SEVERITY_LEVELS).optional(),
});
export type SeverityReasonView = z.infer<typeof SeverityReasonView>;

export const QuestionAnswerView = z.object({ answer, source: z.enum(["kafka", "commander", "catalog", "none"]), evidence: z.array(z.string()) });
export type QuestionAnswerView = z.infer<typeof QuestionAnswerView>;

/** GET /api/incidents/{id}/severity/evaluation: the one severity model on the scope's evidence. */
export const SeverityEvaluationView = z.object({
  level: z.enum(SEVERITY_LEVELS),
  reasons: z.array(SeverityReasonView),
  answers: z.record(z.enum(questionIds), QuestionAnswerView),
  questions: z.array(z.object({ id: z.string(), text: z.string() })),
  unknowns: z.array(z.string()),
  evidenceTakenAt: z.string().nullable(),
  evidence: EvidenceSummaryView,
  commander: z.object({ freshnessSloSeconds: z.number().nullable(), answers: z.partialRecord(z.enum(questionIds), answer) }),
  warnings: z.array(z.string()),
});
export type SeverityEvaluationView = z.infer<typeof SeverityEvaluationView>;

/** The current proposal GET /api/incidents/{id} carries (docs/contracts.md §4). */
export const CurrentProposalView = SeverityEvaluationView.extend({ evaluatedAt: z.string(), entrySeq: z.number().nullable() });
export type CurrentProposalView = z.infer<typeof CurrentProposalView>;
