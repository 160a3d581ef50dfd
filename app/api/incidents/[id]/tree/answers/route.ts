import { diagnosisOperations } from "@/lib/server/http/openapi/diagnosis-operations";
import { json, route } from "@/lib/server/http/route";
import { answerQuestion } from "@/lib/server/diagnosis/answer-question";

/** A responder answers a leaf's question for people; the diagnosis reads it. */
export const POST = route(diagnosisOperations.answer, async ({ params, body, principal }) => {
  const result = await answerQuestion(params.id, body, principal);
  return json(result, { status: result.duplicate ? 200 : 201 });
});
