import "server-only";
import { summarizeForLateJoiner, type CatchUp, type KeptEvidenceNote } from "@/lib/domain/catch-up/summarize";
import { FRESHNESS_BREACH_KIND, type FreshnessBreachPayload } from "@/lib/domain/freshness/types";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { getIncident } from "@/lib/server/incidents/get-incident";

/** The evidence kept with the incident: the snapshot at open and the freshness watch's evidence at each breach. */
export function keptEvidenceOf(entries: readonly IncidentEntry[]): KeptEvidenceNote[] {
  const out: KeptEvidenceNote[] = [];
  for (const e of entries) {
    if (e.kind === "evidence-captured") {
      const p = e.payload as { takenAt?: string; summary?: string };
      out.push({ takenAt: p.takenAt ?? e.createdAt, moment: "at open", summary: p.summary ?? "" });
    } else if (e.kind === FRESHNESS_BREACH_KIND) {
      const p = e.payload as FreshnessBreachPayload;
      out.push({ takenAt: p.evidence.takenAt, moment: "at the breach", summary: p.summary });
    }
  }
  return out;
}

/** The catch-up summary of an incident as of now (lib/domain/catch-up/summarize.ts). */
export async function getCatchUp(incidentId: string, now: number = Date.now()): Promise<CatchUp> {
  const { entries } = await getIncident(incidentId);
  return summarizeForLateJoiner(entries, keptEvidenceOf(entries), now);
}
