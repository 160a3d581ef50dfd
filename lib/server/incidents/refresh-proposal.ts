import "server-only";
import { createHash } from "node:crypto";
import type { IncidentStatus } from "@/lib/domain/incidents/types";
import { db } from "@/lib/server/db";
import { appendEntry } from "./append-entry";
import { evaluateIncidentSeverity } from "./classify-severity";
import type { CurrentProposal } from "./current-proposal";
import { getIncident, type IncidentDetail } from "./get-incident";
import { SYSTEM_AUTHOR } from "./mappers";

/** Statuses in which Ripcord keeps proposing: after resolution the evidence no longer moves the level. */
export const PROPOSING_STATUSES: readonly IncidentStatus[] = ["detection", "triage", "mitigation", "resolution"];

/** How long a stored proposal whose level and wording have not changed stands before it is rewritten with fresh figures. */
const REWRITE_MS = 30_000;
/** The proposal's wording without its figures: a change here (a new reason, another answer) is written at once. */
const shape = (p: Pick<CurrentProposal, "reasons" | "answers" | "unknowns">) => JSON.stringify([p.reasons.map((r) => r.text), p.answers, p.unknowns]).replace(/\d+(\.\d+)?/g, "#");

const keyOf = (...parts: (string | number)[]) => `auto-proposal:${createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 40)}`;

/**
 * Severity proposed by itself (docs/severity.md): evaluates an open incident on its scope's
 * evidence and keeps the result as its current proposal (SeverityProposal row, read by
 * GET /api/incidents/{id}). When the level differs from the newest proposal in the log — or
 * there is none yet — a "severity-proposed" entry by Ripcord announces it; every open browser
 * gets it through the live stream. The entry's idempotency key is derived from the proposal it
 * replaces and the new level, so two processes (or two samples) evaluating the same change
 * append it once. Without any evidence (Kafka unreachable, scope never sampled) nothing is
 * announced: the row says what is not known. Returns null for an incident past resolution.
 */
export async function refreshProposal(incidentId: string, detail?: IncidentDetail): Promise<CurrentProposal | null> {
  const d = detail ?? (await getIncident(incidentId));
  if (!PROPOSING_STATUSES.includes(d.state.status)) return null;
  const { evaluation, evidence } = await evaluateIncidentSeverity(d);
  const latest = d.state.latestProposal;
  let entrySeq = latest && latest.payload.level === evaluation.level ? latest.seq : null;
  if (evidence.source === "sampler" && (!latest || latest.payload.level !== evaluation.level)) {
    const { entry } = await appendEntry({
      incidentId,
      kind: "severity-proposed",
      item: "severity-proposal",
      author: SYSTEM_AUTHOR,
      idempotencyKey: keyOf(incidentId, latest?.seq ?? 0, evaluation.level),
      payload: {
        auto: true,
        level: evaluation.level,
        previousLevel: latest?.payload.level ?? null,
        reasons: evaluation.reasons,
        answers: evaluation.answers,
        questions: evaluation.questions,
        unknowns: evaluation.unknowns,
        evidenceTakenAt: evaluation.evidenceTakenAt,
      },
    });
    entrySeq = entry.seq;
  }
  const current: CurrentProposal = { ...evaluation, evaluatedAt: new Date().toISOString(), entrySeq };
  const stored = d.proposal;
  // Every sample re-evaluates every open incident: when only figures in the reasons moved (the
  // lag grew by a few records), the stored row is rewritten at most every REWRITE_MS — on SQLite
  // each write takes the database's one write lock that the log's appends wait for.
  if (stored && stored.level === current.level && stored.entrySeq === entrySeq && shape(stored) === shape(current) && Date.now() - Date.parse(stored.evaluatedAt) < REWRITE_MS) return stored;
  const row = { level: current.level, payload: JSON.stringify(current), evidenceTakenAt: current.evidenceTakenAt ? new Date(current.evidenceTakenAt) : null, evaluatedAt: new Date(current.evaluatedAt), entrySeq };
  await db().severityProposal.upsert({ where: { incidentId }, create: { incidentId, ...row }, update: row });
  return current;
}
