import "server-only";
import { CHART_MARGIN_MS } from "@/lib/domain/review/document";
import { incidentWindow, windowEvidence, type WindowEvidence } from "@/lib/domain/review/impact";
import { mergeKept, type KeptEvidencePayload } from "@/lib/domain/review/kept";
import type { IncidentState } from "@/lib/domain/incidents/derive";
import { db } from "@/lib/server/db";
import { readScopeHistory } from "@/lib/server/evidence/scope-history";
import { log } from "@/lib/server/log";

/** The incident window's series from what is still sampled (± a margin), under the incident's cluster identity. */
export async function loadSampledWindow(state: IncidentState, now: number): Promise<WindowEvidence> {
  const window = incidentWindow(state.keyTimes, state.openedAt ?? new Date(now).toISOString(), now);
  const from = window.from - CHART_MARGIN_MS;
  const to = Math.min(now, window.to + CHART_MARGIN_MS);
  try {
    return windowEvidence(await readScopeHistory(state.cluster, state.scope, from, to), state.scope);
  } catch (error) {
    log("warn", "review: stored evidence unreadable", { cluster: state.cluster, error });
    return windowEvidence([], state.scope);
  }
}

/** What the incident kept (lib/server/evidence/keep-evidence.ts), oldest first. */
export async function readKeptEvidence(incidentId: string): Promise<KeptEvidencePayload[]> {
  const rows = await db().keptEvidence.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => JSON.parse(r.payload) as KeptEvidencePayload);
}

/**
 * The window's evidence for charts and impact: what is still sampled, completed by what the
 * incident kept, so a review written after the samples were pruned still has its numbers.
 */
export async function loadWindowEvidence(incidentId: string, state: IncidentState, now: number): Promise<WindowEvidence> {
  const [sampled, kept] = await Promise.all([loadSampledWindow(state, now), readKeptEvidence(incidentId)]);
  return mergeKept(sampled, kept);
}
