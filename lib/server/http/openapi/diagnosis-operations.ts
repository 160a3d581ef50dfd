import { z } from "zod";
import { AnswerQuestionBody, DiagnosisQuery, IncidentDiagnosisView, MarkNodeBody } from "@/lib/schemas/diagnosis";
import { EntryView, IncidentParams } from "@/lib/schemas/incidents";
import { defineOperations } from "./types";

const appended = z.object({ entry: EntryView, duplicate: z.boolean() });
const tag = "root-cause tree";

export const diagnosisOperations = defineOperations({
  diagnose: {
    method: "get",
    path: "/api/incidents/{id}/diagnosis",
    summary: "Rank root causes for the incident's scope from Kafka evidence, people's answers and timeline events; per-leaf verdicts with the numbers behind them and the suggested path",
    tag,
    auth: "viewer",
    params: IncidentParams,
    query: DiagnosisQuery,
    response: IncidentDiagnosisView,
  },
  mark: {
    method: "post",
    path: "/api/incidents/{id}/tree/marks",
    summary: "Mark a tree node investigating / ruled-out / confirmed (note required for the last two); an incident-log entry pushed live to every participant",
    tag,
    auth: "commander",
    params: IncidentParams,
    body: MarkNodeBody,
    response: appended,
    status: 201,
  },
  answer: {
    method: "post",
    path: "/api/incidents/{id}/tree/answers",
    summary: "Answer a leaf's question for people (yes/no with a note); the next diagnosis reads it",
    tag,
    auth: "responder",
    params: IncidentParams,
    body: AnswerQuestionBody,
    response: appended,
    status: 201,
  },
});
