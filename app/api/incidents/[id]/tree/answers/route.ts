import { AnswerQuestionBody } from "@/lib/schemas/diagnosis";
import { IncidentParams } from "@/lib/schemas/incidents";
import { json, route } from "@/lib/server/http/route";
import { answerQuestion } from "@/lib/server/diagnosis/answer-question";

/** A responder answers a leaf's question for people; the diagnosis reads it. */
export const POST = route({ auth: "responder", params: IncidentParams, body: AnswerQuestionBody }, async ({ params, body, principal }) => {
  const result = await answerQuestion(params.id, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
