import { z } from "zod";
import { TREE_MARKS } from "@/lib/domain/diagnosis-marks/types";
import { CHECK_IDS } from "@/lib/domain/diagnosis/tree";
import { EvidenceSummaryView } from "./evidence";

const leafId = z.string().trim().min(1).max(100);
const idempotencyKey = z.string().min(8).max(100).optional();

export const MarkNodeBody = z
  .object({
    leafId,
    mark: z.enum(TREE_MARKS),
    note: z.string().trim().max(4000).default(""),
    /** optimistic concurrency on this node's mark: 409 if someone marked it meanwhile */
    expectedVersion: z.number().int().min(0).optional(),
    idempotencyKey,
  })
  .refine((b) => b.mark === "investigating" || b.note.length >= 3, { path: ["note"], message: "ruling out or confirming a cause needs a note (why)" });
export type MarkNodeBody = z.infer<typeof MarkNodeBody>;

export const AnswerQuestionBody = z.object({
  leafId,
  /** index of the question in the leaf's questions for people (confirm questions first) */
  question: z.number().int().min(0).max(50),
  answer: z.enum(["yes", "no"]),
  note: z.string().trim().max(4000).default(""),
  /** when the answered thing happened ("deployed at 09:10") */
  at: z.iso.datetime({ offset: true }).optional(),
  idempotencyKey,
});
export type AnswerQuestionBody = z.infer<typeof AnswerQuestionBody>;

export const DiagnosisQuery = z.object({
  /** ask the evidence sampler for a sample starting now (after one under way) before diagnosing */
  fresh: z.enum(["1", "true"]).optional(),
});

const ScopeView = z.object({ kind: z.enum(["group", "topic", "cluster"]), name: z.string() });
const CauseView = z.object({ id: z.string(), score: z.number(), reasons: z.array(z.string()), scope: ScopeView });
const RuledOutView = z.object({ id: z.string(), reasons: z.array(z.string()), scope: ScopeView });
const VerdictView = z.object({
  checkId: z.enum([...CHECK_IDS, "answer"]),
  leafId: z.string(),
  verdict: z.enum(["supported", "contradicted", "unknown"]),
  weight: z.number(),
  reason: z.string(),
  scope: ScopeView,
});

export const IncidentDiagnosisView = z.object({
  incidentId: z.string(),
  takenAt: z.string().nullable(),
  samples: z.number(),
  windowSeconds: z.number(),
  source: z.enum(["sampler", "none"]),
  evidence: EvidenceSummaryView,
  scopes: z.array(z.object({ scope: ScopeView, causes: z.array(CauseView.omit({ scope: true })), ruledOut: z.array(RuledOutView.omit({ scope: true })) })),
  causes: z.array(CauseView),
  ruledOut: z.array(RuledOutView),
  verdicts: z.array(VerdictView),
  /** the top-ranked cause not ruled out by a commander's mark */
  suggested: z.string().nullable(),
  suggestedPath: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type IncidentDiagnosisView = z.infer<typeof IncidentDiagnosisView>;
