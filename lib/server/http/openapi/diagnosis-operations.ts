import { z } from "zod";
import { AnswerQuestionBody, DiagnosisQuery, IncidentDiagnosisView, MarkNodeBody } from "@/lib/schemas/diagnosis";
import { EntryView } from "@/lib/schemas/incidents";
import type { Operation } from "./types";

const appended = z.object({ entry: EntryView, duplicate: z.boolean() });
const tag = "root-cause tree";

export const diagnosisOperations: Operation[] = [
  {
    method: "get",
    path: "/api/incidents/{id}/diagnosis",
    summary: "Rank root causes for the incident's scope from Kafka evidence, people's answers and timeline events; per-leaf verdicts with the numbers behind them and the suggested path",
    tag,
    auth: "viewer",
    query: DiagnosisQuery,
    response: IncidentDiagnosisView,
  },
  {
    method: "post",
    path: "/api/incidents/{id}/tree/marks",
    summary: "Mark a tree node investigating / ruled-out / confirmed (note required for the last two); an incident-log entry pushed live to every participant",
    tag,
    auth: "commander",
    body: MarkNodeBody,
    response: appended,
    status: 201,
  },
  {
    method: "post",
    path: "/api/incidents/{id}/tree/answers",
    summary: "Answer a leaf's question for people (yes/no with a note); the next diagnosis reads it",
    tag,
    auth: "responder",
    body: AnswerQuestionBody,
    response: appended,
    status: 201,
  },
];
