import "server-only";
import { CHART_MARGIN_MS } from "@/lib/domain/review/document";
import { incidentWindow, windowEvidence, type WindowEvidence } from "@/lib/domain/review/impact";
import type { IncidentState } from "@/lib/domain/incidents/derive";
import { loadSamples } from "@/lib/server/evidence/load-samples";
import { getSampler } from "@/lib/server/evidence/get-sampler";
import { log } from "@/lib/server/log";

/** Stored evidence of an incident's window (± a margin), as chart series and impact inputs. */
export async function loadWindowEvidence(state: IncidentState, now: number): Promise<WindowEvidence> {
  const window = incidentWindow(state.keyTimes, state.openedAt ?? new Date(now).toISOString(), now);
  const from = window.from - CHART_MARGIN_MS;
  const to = Math.min(now, window.to + CHART_MARGIN_MS);
  try {
    // Bound long windows: about 600 rows at most are decoded, the domain thins further.
    const count = Math.max(1, Math.ceil((to - from) / 10_000 / 600));
    let { snapshots } = await loadSamples(state.cluster, from, to, count);
    // Incidents opened without a cluster name say "default"; the sampler stores the configured
    // cluster under its own key. Read the sampler's history when the incident's name has none.
    if (snapshots.length === 0) snapshots = await getSampler().persistedHistory(from, to, count);
    return windowEvidence(snapshots, state.scope);
  } catch (error) {
    log("warn", "review: stored evidence unreadable", { cluster: state.cluster, error });
    return windowEvidence([], state.scope);
  }
}
