import "server-only";
import { questionsOf } from "@/lib/domain/diagnosis-marks/answers";
import { TREE_ANSWER_KIND, type TreeAnswerPayload } from "@/lib/domain/diagnosis-marks/types";
import { leafById } from "@/lib/domain/diagnosis/tree";
import type { AnswerQuestionBody } from "@/lib/schemas/diagnosis";
import type { Principal } from "@/lib/server/auth/identify";
import { AppError } from "@/lib/server/http/errors";
import { appendEntry, type AppendResult } from "@/lib/server/incidents/append-entry";
import { authorOf } from "@/lib/server/incidents/mappers";

/**
 * A responder answers one of a leaf's questions for people ("Is the sink slow?" yes, "p99 4 s").
 * The answer is an incident-log entry; the next diagnosis reads the newest answer per question.
 */
export function answerQuestion(incidentId: string, body: AnswerQuestionBody, principal: Principal): Promise<AppendResult> {
  const leaf = leafById(body.leafId);
  if (!leaf) throw new AppError("UNPROCESSABLE", `no root-cause tree node is called ${body.leafId}`);
  const question = questionsOf(leaf)[body.question];
  if (!question) throw new AppError("UNPROCESSABLE", `${leaf.title} has no question number ${body.question}`);
  const payload: TreeAnswerPayload = {
    leafId: leaf.id,
    question: question.index,
    questionText: question.text,
    answer: body.answer,
    note: body.note,
    ...(body.at ? { at: new Date(body.at).toISOString() } : {}),
  };
  return appendEntry({
    incidentId,
    kind: TREE_ANSWER_KIND,
    item: `tree-answer:${leaf.id}#${question.index}`,
    idempotencyKey: body.idempotencyKey,
    author: authorOf(principal),
    check: (incident) => {
      if (incident.status === "closed") throw new AppError("CONFLICT", "the incident is closed; it takes no more answers");
    },
    payload,
  });
}
