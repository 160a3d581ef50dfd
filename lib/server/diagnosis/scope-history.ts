import "server-only";
import type { ClusterSnapshot, OffsetTimePoint } from "@/lib/domain/evidence/types";
import type { IncidentScope } from "@/lib/domain/incidents/types";
import { windowOf } from "@/lib/server/evidence/build-views";
import { getSampler } from "@/lib/server/evidence/get-sampler";
import { indexOf, projectHistory, topicsOfGroup } from "@/lib/server/evidence/project-history";
import { SIGNAL_WINDOW_MS } from "@/lib/server/evidence/read-cluster";
import { incidentSnapshots } from "./incident-snapshots";

export interface ScopeHistory {
  history: ClusterSnapshot[];
  seeds: OffsetTimePoint[];
  source: "sampler" | "incident-snapshots";
}

const SAMPLER_WAIT_MS = 2_000;

/**
 * Evidence history for an incident's scope: the cluster sampler's recent window, narrowed to the
 * scope's topics (and the topics its groups read) and groups, when at least two samples already
 * show every group and topic the incident names; otherwise (a scope the sampler has not seen
 * twice yet, or no sampler) snapshots taken for the incident (incident-snapshots.ts).
 */
export async function scopeHistory(scope: IncidentScope, opts: { fresh?: boolean } = {}): Promise<ScopeHistory> {
  try {
    const sampler = getSampler();
    await sampler.ready(SAMPLER_WAIT_MS);
    if (opts.fresh) await sampler.collectNow();
    const window = windowOf(sampler.history(), SIGNAL_WINDOW_MS);
    const named = scope.topics.length + scope.groups.length > 0;
    const topics = [...new Set([...scope.topics, ...scope.groups.flatMap((g) => topicsOfGroup(window, g))])].sort();
    const shows = (s: ClusterSnapshot) => {
      const index = indexOf(s);
      return scope.groups.every((g) => index.groups.has(g)) && scope.topics.every((t) => index.topics.has(t));
    };
    const usable = named ? projectHistory(window.filter(shows), topics, scope.groups) : [...window];
    if (usable.length >= 2) return { history: usable, seeds: sampler.seeds().filter((p) => !named || topics.includes(p.topic)), source: "sampler" };
  } catch {
    // no sampler for this configuration: fall back to our own snapshots
  }
  return { history: await incidentSnapshots(scope, opts), seeds: [], source: "incident-snapshots" };
}
