import "server-only";
import type { EvidenceSummaryView } from "@/lib/schemas/evidence";
import type { ScopeEvidence } from "./scope-evidence";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The part of a scope's evidence every incident route reports beside its judgement. */
export function summarizeEvidence(e: ScopeEvidence): EvidenceSummaryView {
  const groups = e.signals?.groups.filter((g) => e.scope.groups.length === 0 || e.scope.groups.includes(g.groupId)) ?? [];
  return {
    source: e.source,
    takenAt: iso(e.takenAt),
    samples: e.signals?.samples ?? 0,
    windowSeconds: Math.round(e.signals?.windowSeconds ?? 0),
    reachBackFrom: iso(e.signals?.reachBackFrom ?? null),
    known: e.knowledge.known,
    unknown: e.knowledge.unknown,
    groups: groups.map((g) => ({
      groupId: g.groupId,
      status: g.status,
      totalLag: g.totalLag,
      maxTimeLagSeconds: g.maxTimeLagSeconds,
      lagGrowthPerSec: g.lagGrowthPerSec,
      drain: g.drain,
      lagStartedAt: iso(g.lagStartedAt),
    })),
  };
}
