/**
 * What the evidence of a scope knows and does not know (docs/evidence.md). Every judgement
 * that reads the scope-evidence service shows this beside its numbers, so a short history
 * (the sampler just started, a group just appeared) says "not known yet" instead of a number
 * computed from two points. Pure.
 */
import { formatDuration, utcClock } from "@/lib/domain/metrics/durations";
import type { EvidenceSignals } from "./signal-types";
import type { ClusterSnapshot } from "./types";

export interface EvidenceKnowledge {
  /** every named group and topic has at least two samples in the rate window */
  sufficient: boolean;
  known: string[];
  unknown: string[];
}

export interface KnowledgeInput {
  scope: { topics: readonly string[]; groups: readonly string[] };
  /** the rate window, projected to the scope (oldest first) */
  window: readonly ClusterSnapshot[];
  signals: EvidenceSignals | null;
  rateWindowMs: number;
  /** the baseline the topics' input was compared with, in words; null when there is none before the lag */
  baselineLabel: string | null;
  /** same hour a week earlier: "found", "not-kept" (history is shorter than a week) or "missing" */
  weekAgo: "found" | "not-kept" | "missing";
  historyKeptMs: number;
  /** why Kafka could not be read, when it could not */
  error: string | null;
  now: number;
}

const hhmm = (at: number) => utcClock(at, { seconds: false });

export function describeKnowledge(input: KnowledgeInput): EvidenceKnowledge {
  const known: string[] = [];
  const unknown: string[] = [];
  const { window, signals, scope } = input;
  if (input.error) unknown.push(`Kafka could not be read: ${input.error}`);
  if (!signals || window.length === 0) {
    unknown.push("no sample of this scope yet: nothing is known from Kafka");
    return { sufficient: false, known, unknown };
  }
  const first = window[0]!;
  const last = window[window.length - 1]!;
  known.push(`${window.length} sample(s) over ${formatDuration((last.takenAt - first.takenAt) / 1000)} (rates over the last ${formatDuration(input.rateWindowMs / 1000)}); newest ${formatDuration(Math.max(0, input.now - last.takenAt) / 1000)} old`);
  if (signals.reachBackFrom !== null) known.push(`history reaches back to ${hhmm(signals.reachBackFrom)} UTC (${signals.reachBackSamples} earlier sample(s)) for time lag, the lag start and changes`);

  let sufficient = window.length >= 2;
  for (const id of scope.groups) {
    const seen = window.filter((s) => s.groups.some((g) => g.groupId === id));
    const g = signals.groups.find((x) => x.groupId === id);
    if (seen.length === 0 || !g) {
      sufficient = false;
      unknown.push(`group ${id} is not in the sampled history yet (it may not exist, or has just appeared)`);
      continue;
    }
    if (seen.length < 2) {
      sufficient = false;
      unknown.push(`group ${id}: one sample only, so its rates, lag growth and whether its offsets move are not known yet`);
    } else if (seen[0]!.takenAt > first.takenAt) {
      known.push(`group ${id} first seen ${formatDuration((last.takenAt - seen[0]!.takenAt) / 1000)} ago (${seen.length} samples)`);
    }
    const bounded = g.partitions.filter((p) => p.timeLagEstimate === "lower-bound" && (p.timeLagSeconds ?? 0) > 0);
    if (bounded.length) unknown.push(`group ${id}: time lag is a lower bound on ${bounded.length} partition(s) (their oldest unread record is older than every reading)`);
    const never = g.partitions.filter((p) => p.neverCommitted && (p.lag ?? 0) > 0);
    if (never.length) unknown.push(`group ${id}: ${never.length} partition(s) have not committed yet; their lag is counted from the log start`);
    if (g.lagStartedAt !== null && g.totalLag > 0) known.push(`group ${id}: lag started about ${hhmm(g.lagStartedAt)} UTC`);
  }
  for (const name of scope.topics) {
    const seen = window.filter((s) => s.topics.some((t) => t.name === name)).length;
    if (seen === 0) {
      sufficient = false;
      unknown.push(`topic ${name} is not in the sampled history yet`);
    } else if (seen < 2) {
      sufficient = false;
      unknown.push(`topic ${name}: one sample only, so its input rate is not known yet`);
    }
  }
  if (input.baselineLabel) known.push(`baseline input: ${input.baselineLabel}`);
  else unknown.push("no history before the lag started: the input baseline is the window's own earlier part");
  if (input.weekAgo === "found") known.push("the same hour a week earlier is in the history");
  else if (input.weekAgo === "not-kept") unknown.push(`the same hour a week earlier: history is kept ${formatDuration(input.historyKeptMs / 1000)}`);
  else unknown.push("the same hour a week earlier: no samples of it in the history");
  return { sufficient, known, unknown };
}
