import "server-only";
import { deriveIncident, type IncidentState } from "@/lib/domain/incidents/derive";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/http/errors";
import type { Viewer } from "@/lib/server/live/hub";
import { viewersOf } from "@/lib/server/live/presence";
import { readCurrentProposal, type CurrentProposal } from "./current-proposal";
import { toEntry, toSummary, type IncidentSummary } from "./mappers";

export interface IncidentDetail {
  incident: IncidentSummary;
  state: IncidentState;
  entries: IncidentEntry[];
  viewers: Viewer[];
  /** the current severity proposal, re-evaluated from the evidence by Ripcord itself (null before the first evaluation) */
  proposal: CurrentProposal | null;
}

/** The incident, its whole log, the state derived from it and its current severity proposal. */
export async function getIncident(incidentId: string): Promise<IncidentDetail> {
  const row = await db().incident.findUnique({ where: { id: incidentId } });
  if (!row) throw notFound("incident");
  const [entryRows, proposal, viewers] = await Promise.all([db().incidentEntry.findMany({ where: { incidentId }, orderBy: { seq: "asc" } }), readCurrentProposal(incidentId), viewersOf(incidentId)]);
  const entries = entryRows.map(toEntry);
  return { incident: toSummary(row), state: deriveIncident(entries), entries, viewers, proposal };
}

/** Entries after a seq, oldest first (SSE replay and catch-up). */
export async function entriesAfter(incidentId: string, after: number, take = 500): Promise<IncidentEntry[]> {
  return (await db().incidentEntry.findMany({ where: { incidentId, seq: { gt: after } }, orderBy: { seq: "asc" }, take })).map(toEntry);
}

export async function incidentExists(incidentId: string): Promise<boolean> {
  return (await db().incident.count({ where: { id: incidentId } })) > 0;
}
