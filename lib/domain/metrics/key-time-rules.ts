import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { ENTRY_KINDS } from "@/lib/domain/mitigation/types";

/**
 * What makes the response key times mean what they say (docs/mttx.md). Pure rules over single
 * log entries; lib/domain/incidents/derive.ts folds them into the incident's key times, and the
 * header, the review and the manager's dashboard all read those (lib/domain/metrics/durations.ts).
 */

/**
 * Acknowledged = the first entry a person writes on the incident (taking command, a note, a
 * status move, a severity decision…). Entries by the system (evidence watcher, sampler) and by
 * API tokens (the alert intake moving an alert's incident to triage) are not a person
 * acknowledging, so an alert-opened incident is unacknowledged until someone acts on it.
 */
export function isAcknowledgement(entry: IncidentEntry): boolean {
  return entry.author.kind === "user";
}

/**
 * What one entry says about recovery: "recovered" (every check passes: the evidence proposes
 * mitigation, at the time the evidence was sampled), "contradicted" (a check fails: lag growing
 * or freshness over the SLO), or null (not a recovery check, or one that only lacks history —
 * "pending" or "unknown" — which neither proposes nor contradicts).
 */
export function recoveryEvidence(entry: IncidentEntry): { state: "recovered"; at: string } | { state: "contradicted" } | null {
  if (entry.kind !== ENTRY_KINDS.recoveryVerified) return null;
  const p = entry.payload as { ready?: unknown; checks?: unknown; sample?: { at?: unknown } | null } | null;
  if (!p || typeof p !== "object") return null;
  if (p.ready === true) {
    const sampled = typeof p.sample?.at === "number" && Number.isFinite(p.sample.at) ? new Date(p.sample.at).toISOString() : entry.createdAt;
    return { state: "recovered", at: sampled };
  }
  const checks = Array.isArray(p.checks) ? (p.checks as { status?: unknown }[]) : [];
  return checks.some((c) => c?.status === "fail") ? { state: "contradicted" } : null;
}

/**
 * The commander confirming mitigation: a person moving the incident to resolution (the move the
 * recovery verification gates). Returns the evidence time that move recorded when its own
 * verification passed.
 */
export function mitigationConfirmation(entry: IncidentEntry): { evidenceTakenAt: string | null } | null {
  if (entry.kind !== "status-changed" || entry.author.kind !== "user") return null;
  const p = entry.payload as { to?: unknown; verification?: { ready?: unknown; evidenceTakenAt?: unknown } } | null;
  if (p?.to !== "resolution") return null;
  const v = p.verification;
  return { evidenceTakenAt: v?.ready === true && typeof v.evidenceTakenAt === "string" ? v.evidenceTakenAt : null };
}
