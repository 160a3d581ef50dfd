/**
 * Evidence kept with an incident for as long as it exists (docs/evidence.md): at open, at each
 * severity decision, at mitigated and at resolved, the scope's evidence bundle (the evidence
 * CLI's document, docs/contracts.md §3) and the incident window's series so far. The review and
 * the charts merge it with what is still sampled, so their numbers survive pruning. Pure.
 */
import type { EvidenceBundle } from "@/lib/domain/evidence/bundle";
import type { WindowEvidence } from "./impact";

export const KEPT_MOMENTS = ["opened", "severity", "mitigated", "resolved"] as const;
export type KeptMoment = (typeof KEPT_MOMENTS)[number];

export interface KeptEvidencePayload {
  moment: KeptMoment;
  /** the log entry behind it (a severity decision's seq); 0 for the other moments */
  entrySeq: number;
  /** ISO time of the newest sample behind it; null without evidence */
  takenAt: string | null;
  /** null when there was no evidence to keep (Kafka unreachable, scope never sampled) */
  bundle: EvidenceBundle | null;
  /** the incident window's series up to this moment (what the charts and the impact read) */
  series: WindowEvidence;
  known: string[];
  unknown: string[];
}

/**
 * The window's evidence from what is still sampled and what was kept: points the samples no
 * longer cover (older than the first sampled point that shows the scope) come from the kept
 * series that reaches furthest, then the sampled ones. With no samples left, the kept series.
 */
export function mergeKept(sampled: WindowEvidence, kept: readonly KeptEvidencePayload[]): WindowEvidence {
  // a sample that does not show the scope (its topic deleted, its rows pruned) covers nothing
  const knows = (p: WindowEvidence["series"][number]) => p.lag !== null || p.timeLagSeconds !== null || p.inputRatePerSec !== null || p.consumeRatePerSec !== null;
  const firstSampled = sampled.series.find(knows)?.at ?? Number.POSITIVE_INFINITY;
  const best = [...kept].sort((a, b) => (b.series.series[b.series.series.length - 1]?.at ?? 0) - (a.series.series[a.series.series.length - 1]?.at ?? 0))[0];
  if (!best) return sampled;
  const idx = best.series.series.map((p, i) => (p.at < firstSampled ? i : -1)).filter((i) => i >= 0);
  const pairs = [
    ...idx.map((i) => ({ point: best.series.series[i]!, lost: best.series.lostAt[i] ?? null })),
    ...sampled.series.map((point, i) => ({ point, lost: sampled.lostAt[i] ?? null })),
  ].sort((a, b) => a.point.at - b.point.at);
  return {
    series: pairs.map((x) => x.point),
    lostAt: pairs.map((x) => x.lost),
    laggingGroups: [...new Set([...best.series.laggingGroups, ...sampled.laggingGroups])].sort(),
    topics: [...new Set([...best.series.topics, ...sampled.topics])].sort(),
  };
}
