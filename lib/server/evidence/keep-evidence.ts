import "server-only";
import { bundleFromSignals } from "@/lib/domain/evidence/bundle";
import { mergeKept, type KeptEvidencePayload, type KeptMoment } from "@/lib/domain/review/kept";
import { severityContextFor } from "@/lib/server/catalog/severity-context";
import { db, isPrismaError } from "@/lib/server/db";
import { getIncident } from "@/lib/server/incidents/get-incident";
import { loadSampledWindow, readKeptEvidence } from "@/lib/server/reviews/load-window-evidence";
import { readIncidentEvidence } from "./scope-evidence";

/**
 * Keeps the incident's evidence at a moment (docs/evidence.md): the scope's bundle from the
 * scope-evidence service and the window's series so far, stored for as long as the incident
 * exists. Once per (incident, moment, entry): a second call — another process, a replayed
 * event — changes nothing. Returns whether it stored something.
 */
export async function keepIncidentEvidence(incidentId: string, moment: KeptMoment, entrySeq = 0, now = Date.now()): Promise<boolean> {
  if (await db().keptEvidence.findUnique({ where: { incidentId_moment_entrySeq: { incidentId, moment, entrySeq } }, select: { id: true } })) return false;
  const { incident, state } = await getIncident(incidentId);
  const [evidence, catalog, sampled, kept] = await Promise.all([
    readIncidentEvidence(incident, state.keyTimes),
    severityContextFor(incident.scope).catch(() => null),
    loadSampledWindow(state, now),
    readKeptEvidence(incidentId),
  ]);
  const bundle =
    evidence.signals && evidence.window.length > 0
      ? bundleFromSignals(evidence.signals, evidence.window, { groups: incident.scope.groups.length ? incident.scope.groups : undefined, topics: incident.scope.topics.length ? incident.scope.topics : undefined, severity: { streams: catalog?.streams ?? [] }, warnings: evidence.warnings })
      : null;
  const payload: KeptEvidencePayload = {
    moment,
    entrySeq,
    takenAt: evidence.takenAt === null ? null : new Date(evidence.takenAt).toISOString(),
    bundle,
    series: mergeKept(sampled, kept),
    known: evidence.knowledge.known,
    unknown: evidence.knowledge.unknown,
  };
  try {
    await db().keptEvidence.create({ data: { incidentId, moment, entrySeq, takenAt: evidence.takenAt === null ? null : new Date(evidence.takenAt), payload: JSON.stringify(payload) } });
    return true;
  } catch (error) {
    if (isPrismaError(error, "P2002")) return false; // another watcher kept this moment first
    throw error;
  }
}

/** Keeps the mitigated / resolved evidence once the log says the incident got there (key times). */
export async function keepMilestones(incidentId: string): Promise<void> {
  const { state } = await getIncident(incidentId);
  if (state.keyTimes.mitigated) await keepIncidentEvidence(incidentId, "mitigated");
  if (state.keyTimes.resolved) await keepIncidentEvidence(incidentId, "resolved");
}
