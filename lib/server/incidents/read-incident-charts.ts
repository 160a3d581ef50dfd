import "server-only";
import { incidentWindow } from "@/lib/domain/review/impact";
import { chartMarkers } from "@/lib/domain/review/timeline";
import type { IncidentChartsView } from "@/lib/schemas/incidents";
import { loadWindowEvidence } from "@/lib/server/reviews/load-window-evidence";
import { getIncident } from "./get-incident";

/**
 * Lag, time lag and rates of the incident's groups over its window so far, from the stored
 * evidence, with the log's deploy / schema / config events and status and severity changes as
 * markers: seed 000's third correlation, while the incident is still open.
 */
export async function readIncidentCharts(incidentId: string, now = Date.now()): Promise<IncidentChartsView> {
  const { state, entries } = await getIncident(incidentId);
  const window = incidentWindow(state.keyTimes, state.openedAt ?? new Date(now).toISOString(), now);
  const evidence = await loadWindowEvidence(incidentId, state, now);
  return { window: { from: window.from, to: window.to }, series: evidence.series, markers: chartMarkers(entries) };
}
