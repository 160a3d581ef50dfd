import "server-only";
import { classify, type Answers, type ClassifierEvidence } from "@/lib/domain/incidents/classifier";
import type { SeverityLevel, SeverityReason } from "@/lib/domain/incidents/types";
import type { CommanderAnswersBody } from "@/lib/schemas/incidents";
import { readScopeSignals } from "@/lib/server/actions/kafka-reads";
import type { Principal } from "@/lib/server/auth/identify";
import { severityContextFor, type CatalogSeverityContext } from "@/lib/server/catalog/severity-context";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/http/errors";
import { appendEntry, type AppendResult } from "./append-entry";
import { authorOf, toSummary } from "./mappers";

export interface SeverityProposal {
  level: SeverityLevel;
  reasons: SeverityReason[];
  answers: Answers;
  evidence: ClassifierEvidence | null;
  evidenceTakenAt: string | null;
  /** what the severity engine still wants a human to answer */
  questions: { id: string; text: string }[];
  /** why Kafka could not answer, when it could not */
  warnings: string[];
}

const DEFAULT_SAMPLE_SECONDS = 3;

/** Proposes a level from live evidence, the ownership catalog and the commander's answers, without recording anything. */
export async function evaluateSeverity(incidentId: string, body: CommanderAnswersBody = {}): Promise<SeverityProposal> {
  const row = await db().incident.findUnique({ where: { id: incidentId } });
  if (!row) throw notFound("incident");
  const scope = toSummary(row).scope;
  // Two snapshots of the incident's topics and groups a few seconds apart (rates need two).
  const [{ signals, warnings }, catalog] = await Promise.all([
    readScopeSignals(scope, body.sampleSeconds ?? DEFAULT_SAMPLE_SECONDS),
    severityContextFor(scope).catch((): CatalogSeverityContext | null => null),
  ]);
  const c = classify(signals, scope, { freshnessSloSeconds: body.freshnessSloSeconds, answers: body.answers }, catalog);
  return {
    level: c.level,
    reasons: c.reasons,
    answers: c.answers,
    evidence: c.evidence,
    evidenceTakenAt: c.evidence?.takenAt ? new Date(c.evidence.takenAt).toISOString() : null,
    questions: c.questions,
    warnings,
  };
}

/** Runs the classifier and records its proposal in the log (the commander then decides). */
export async function proposeSeverity(incidentId: string, body: CommanderAnswersBody, principal: Principal): Promise<{ proposal: SeverityProposal; entry: AppendResult["entry"] }> {
  const proposal = await evaluateSeverity(incidentId, body);
  const { entry } = await appendEntry({
    incidentId,
    kind: "severity-proposed",
    item: "severity-proposal",
    author: authorOf(principal),
    payload: { level: proposal.level, reasons: proposal.reasons, answers: proposal.answers, evidenceTakenAt: proposal.evidenceTakenAt, warnings: proposal.warnings, freshnessSloSeconds: body.freshnessSloSeconds ?? null },
  });
  return { proposal, entry };
}
