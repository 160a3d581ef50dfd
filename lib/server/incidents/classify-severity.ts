import "server-only";
import { answerFromEvidence, evidenceFromSignals, proposeFromAnswers, type Answers, type ClassifierEvidence } from "@/lib/domain/incidents/classifier";
import type { IncidentScope, SeverityLevel, SeverityReason } from "@/lib/domain/incidents/types";
import { computeSignals } from "@/lib/domain/evidence/signals";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import type { CommanderAnswersBody } from "@/lib/schemas/incidents";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/http/errors";
import { getGateway } from "@/lib/server/kafka/registry";
import { appendEntry, type AppendResult } from "./append-entry";
import { authorOf, toSummary } from "./mappers";

export interface SeverityProposal {
  level: SeverityLevel;
  reasons: SeverityReason[];
  answers: Answers;
  evidence: ClassifierEvidence | null;
  evidenceTakenAt: string | null;
  /** why Kafka could not answer, when it could not */
  warnings: string[];
}

const DEFAULT_SAMPLE_SECONDS = 3;

/** Two snapshots of the incident's topics and groups a few seconds apart (rates need two). */
async function collectEvidence(scope: IncidentScope, sampleSeconds: number): Promise<{ evidence: ClassifierEvidence | null; warnings: string[] }> {
  if (scope.topics.length === 0 && scope.groups.length === 0) return { evidence: null, warnings: ["the incident names no topic or consumer group: nothing to read from Kafka"] };
  try {
    const gateway = getGateway();
    const opts = { topics: scope.topics.length ? scope.topics : undefined, groups: scope.groups.length ? scope.groups : undefined };
    const history: ClusterSnapshot[] = [await gateway.collectSnapshot(opts)];
    if (sampleSeconds > 0) {
      await new Promise((r) => setTimeout(r, sampleSeconds * 1000));
      history.push(await gateway.collectSnapshot(opts));
    }
    const signals = computeSignals(history);
    return { evidence: evidenceFromSignals(signals, scope), warnings: signals.warnings };
  } catch (error) {
    return { evidence: null, warnings: [`Kafka could not be read: ${error instanceof Error ? error.message : String(error)}`] };
  }
}

/** Proposes a level from live evidence and the commander's answers, without recording anything. */
export async function evaluateSeverity(incidentId: string, body: CommanderAnswersBody = {}): Promise<SeverityProposal> {
  const row = await db().incident.findUnique({ where: { id: incidentId } });
  if (!row) throw notFound("incident");
  const { evidence, warnings } = await collectEvidence(toSummary(row).scope, body.sampleSeconds ?? DEFAULT_SAMPLE_SECONDS);
  const answers = answerFromEvidence(evidence, { freshnessSloSeconds: body.freshnessSloSeconds, answers: body.answers });
  const { level, reasons } = proposeFromAnswers(answers);
  return { level, reasons, answers, evidence, evidenceTakenAt: evidence?.takenAt ? new Date(evidence.takenAt).toISOString() : null, warnings };
}

/** Runs the classifier and records its proposal in the log (the commander then decides). */
export async function proposeSeverity(incidentId: string, body: CommanderAnswersBody, principal: Principal): Promise<{ proposal: SeverityProposal; entry: AppendResult["entry"] }> {
  const proposal = await evaluateSeverity(incidentId, body);
  const { entry } = await appendEntry({
    incidentId,
    kind: "severity-proposed",
    item: "severity-proposal",
    author: authorOf(principal),
    payload: { level: proposal.level, reasons: proposal.reasons, answers: proposal.answers, evidenceTakenAt: proposal.evidenceTakenAt, warnings: proposal.warnings },
  });
  return { proposal, entry };
}
