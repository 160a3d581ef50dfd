import "server-only";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { proposeSeverity, type Answer, type CommanderAnswers, type SeverityProposal } from "@/lib/domain/severity/propose";
import { isQuestionId, type QuestionId } from "@/lib/domain/severity/questions";
import type { EvidenceSummaryView } from "@/lib/schemas/evidence";
import type { CommanderAnswersBody } from "@/lib/schemas/incidents";
import type { Principal } from "@/lib/server/auth/identify";
import { severityContextFor } from "@/lib/server/catalog/severity-context";
import { readIncidentEvidence, type ScopeEvidence } from "@/lib/server/evidence/scope-evidence";
import { summarizeEvidence } from "@/lib/server/evidence/summarize-evidence";
import { log } from "@/lib/server/log";
import { appendEntry, type AppendResult } from "./append-entry";
import { getIncident, type IncidentDetail } from "./get-incident";
import { authorOf } from "./mappers";

/** A severity proposal as the API shows it: the model's output plus the evidence it read. */
export interface SeverityEvaluation extends Omit<SeverityProposal, "evidenceTakenAt"> {
  evidenceTakenAt: string | null;
  evidence: EvidenceSummaryView;
  /** what the commander told the classifier (newest answers in the log, or this request's) */
  commander: { freshnessSloSeconds: number | null; answers: Partial<Record<QuestionId, Answer>> };
  warnings: string[];
}

/** The newest answers a commander gave the classifier, from the log (severity-proposed entries by a person). */
export function commanderAnswersOf(entries: readonly IncidentEntry[]): SeverityEvaluation["commander"] {
  for (const e of [...entries].sort((a, b) => b.seq - a.seq)) {
    if (e.kind !== "severity-proposed" || e.author.kind === "system") continue;
    const p = e.payload as { commander?: { freshnessSloSeconds?: unknown; answers?: Record<string, unknown> }; freshnessSloSeconds?: unknown };
    const slo = p.commander?.freshnessSloSeconds ?? p.freshnessSloSeconds;
    const answers: Partial<Record<QuestionId, Answer>> = {};
    for (const [k, v] of Object.entries(p.commander?.answers ?? {})) if (isQuestionId(k) && (v === "yes" || v === "no")) answers[k] = v;
    return { freshnessSloSeconds: typeof slo === "number" ? slo : null, answers };
  }
  return { freshnessSloSeconds: null, answers: {} };
}

/**
 * The one evaluation: the incident's scope evidence, the catalog's SLOs and tiers, the
 * commander's answers → the one severity model. Pure of side effects (records nothing).
 */
export async function evaluateIncidentSeverity(detail: Pick<IncidentDetail, "incident" | "state" | "entries">, commander: CommanderAnswers = commanderAnswersOf(detail.entries)): Promise<{ evaluation: SeverityEvaluation; evidence: ScopeEvidence }> {
  const { incident, state } = detail;
  const [evidence, catalog] = await Promise.all([
    readIncidentEvidence(incident, state.keyTimes),
    severityContextFor(incident.scope).catch((error: unknown) => {
      log("warn", "severity: the ownership catalog could not be read", { error: String(error) });
      return null;
    }),
  ]);
  const proposal = proposeSeverity(evidence.signals, {
    scope: incident.scope,
    streams: catalog?.streams ?? [],
    commander,
    unknowns: evidence.knowledge.unknown,
  });
  const answers: Partial<Record<QuestionId, Answer>> = {};
  for (const [k, v] of Object.entries(commander.answers ?? {})) if (isQuestionId(k) && (v === "yes" || v === "no")) answers[k] = v;
  return {
    evidence,
    evaluation: {
      ...proposal,
      evidenceTakenAt: proposal.evidenceTakenAt === null ? null : new Date(proposal.evidenceTakenAt).toISOString(),
      evidence: summarizeEvidence(evidence),
      commander: { freshnessSloSeconds: commander.freshnessSloSeconds ?? null, answers },
      warnings: evidence.warnings,
    },
  };
}

/** Merges this request's SLO and answers over the newest ones in the log ("unknown" clears an answer). */
function mergeCommander(entries: readonly IncidentEntry[], body: CommanderAnswersBody): CommanderAnswers {
  const prior = commanderAnswersOf(entries);
  const answers: Partial<Record<QuestionId, Answer>> = { ...prior.answers };
  for (const [k, v] of Object.entries(body.answers ?? {})) {
    if (!isQuestionId(k)) continue;
    if (v === "unknown") delete answers[k];
    else answers[k] = v;
  }
  return { freshnessSloSeconds: body.freshnessSloSeconds === undefined ? prior.freshnessSloSeconds : body.freshnessSloSeconds, answers };
}

/** Evaluates severity now (what the Severity tab and the drift banner read), recording nothing. */
export async function evaluateSeverity(incidentId: string, body: CommanderAnswersBody = {}): Promise<SeverityEvaluation> {
  const detail = await getIncident(incidentId);
  return (await evaluateIncidentSeverity(detail, mergeCommander(detail.entries, body))).evaluation;
}

/**
 * The commander gives the classifier an SLO and answers: the proposal on that input is recorded
 * in the log (with the answers, so every later automatic proposal keeps them). The commander
 * then accepts or overrides it.
 */
export async function recordSeverityProposal(incidentId: string, body: CommanderAnswersBody, principal: Principal): Promise<{ proposal: SeverityEvaluation; entry: AppendResult["entry"] }> {
  const detail = await getIncident(incidentId);
  const commander = mergeCommander(detail.entries, body);
  const { evaluation } = await evaluateIncidentSeverity(detail, commander);
  const { entry } = await appendEntry({
    incidentId,
    kind: "severity-proposed",
    item: "severity-proposal",
    author: authorOf(principal),
    payload: {
      level: evaluation.level,
      reasons: evaluation.reasons,
      answers: evaluation.answers,
      questions: evaluation.questions,
      unknowns: evaluation.unknowns,
      evidenceTakenAt: evaluation.evidenceTakenAt,
      previousLevel: detail.state.latestProposal?.payload.level ?? null,
      commander: evaluation.commander,
    },
  });
  return { proposal: evaluation, entry };
}
