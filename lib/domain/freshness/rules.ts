/**
 * The freshness watch's rules (pure; docs/freshness-watch.md). Evaluated for every catalogued
 * consumer group after every evidence sample, over the group's signals (lib/domain/evidence).
 *
 *  freshness-slo    the oldest unconsumed record is older than the stream's freshness SLO.
 *                   Began: when its age crossed the SLO (newest sample − (time lag − SLO)).
 *  no-commit        members alive, and no partition with records waiting has committed for
 *                   `noCommitSeconds` (and at least `noCommitIntervals` sampling intervals) while
 *                   records wait: a hung consumer. Began: when the commits stopped (or, if
 *                   later, when the records started waiting).
 *  zero-throughput  records arrive and the group processes none, or almost none (at most
 *                   `nearZeroRatio` of the input over the recent window), for
 *                   `zeroThroughputSeconds`: a stopped or crashed consumer (no members) or one
 *                   processing next to nothing. Began: when it stopped (or the window's start).
 *
 * A caught-up group trips nothing: no records wait.
 */
import type { GroupPartitionSignals, GroupSignals } from "@/lib/domain/evidence/signal-types";
import { formatDuration } from "@/lib/domain/metrics/durations";
import type { RuleTrip } from "./types";

export interface WatchThresholds {
  noCommitSeconds: number;
  noCommitIntervals: number;
  zeroThroughputSeconds: number;
  nearZeroRatio: number;
  /** a breached stream must trip nothing for this long before it counts as recovered */
  recoverySeconds: number;
}

export const DEFAULT_THRESHOLDS: WatchThresholds = {
  noCommitSeconds: 60,
  noCommitIntervals: 3,
  zeroThroughputSeconds: 60,
  nearZeroRatio: 0.05,
  recoverySeconds: 120,
};

export interface StreamConfig {
  group: string;
  freshnessSloSeconds: number | null;
}

const waiting = (p: GroupPartitionSignals) => (p.lag ?? 0) > 0;

/** How long records have waited on this partition without a commit (ms): the shorter of "since the last commit" and "since the oldest waiting record". */
function stuckMs(p: GroupPartitionSignals, group: GroupSignals, takenAt: number): number {
  const sinceLag = group.lagStartedAt !== null ? Math.max(0, takenAt - group.lagStartedAt) : Number.POSITIVE_INFINITY;
  const sinceRecord = p.timeLagSeconds !== null ? p.timeLagSeconds * 1000 : Number.POSITIVE_INFINITY;
  return Math.min(p.committedUnchangedMs, sinceRecord, sinceLag);
}

/** The rules a group trips in its newest sample (`takenAt`, epoch ms), each with when its breach began. */
export interface EvaluationContext {
  /** the newest sample (epoch ms) */
  takenAt: number;
  sampleIntervalMs: number;
  /** how much history the signals cover (EvidenceSignals.windowSeconds) */
  windowSeconds: number;
}

export function evaluateStream(group: GroupSignals, config: StreamConfig, thresholds: WatchThresholds, at: EvaluationContext): RuleTrip[] {
  const { takenAt, sampleIntervalMs } = at;
  const trips: RuleTrip[] = [];
  const lagging = group.partitions.filter(waiting);
  if (group.totalLag <= 0 || lagging.length === 0) return trips;

  const slo = config.freshnessSloSeconds;
  const age = group.maxTimeLagSeconds;
  if (slo !== null && age !== null && age > slo) {
    trips.push({ rule: "freshness-slo", since: Math.round(takenAt - (age - slo) * 1000), text: `the oldest unconsumed record is ${formatDuration(age)} old, over the ${formatDuration(slo)} freshness SLO` });
  }

  const input = group.inputRatePerSec ?? 0;
  const stuck = Math.min(...lagging.map((p) => stuckMs(p, group, takenAt)));
  const noCommitMs = Math.max(thresholds.noCommitSeconds * 1000, thresholds.noCommitIntervals * sampleIntervalMs);
  if (group.memberCount > 0 && stuck >= noCommitMs && Number.isFinite(stuck)) {
    trips.push({
      rule: "no-commit",
      since: Math.round(takenAt - stuck),
      text: `${group.memberCount} member(s) alive, nothing committed for ${formatDuration(stuck / 1000)} while ${group.totalLag.toLocaleString("en-US")} records wait`,
    });
  }

  const zeroMs = thresholds.zeroThroughputSeconds * 1000;
  if (input > 0) {
    if (stuck >= zeroMs && Number.isFinite(stuck)) {
      trips.push({ rule: "zero-throughput", since: Math.round(takenAt - stuck), text: `${input.toFixed(1)} records/s arrive and none is processed (${group.memberCount} member(s), state ${group.state}) for ${formatDuration(stuck / 1000)}` });
    } else {
      // over the whole window (the doc: "at most 5 % of the input processed over the window"): a consumer
      // that hung a few seconds ago processed normally before — it is the no-commit rule's, with its real start
      const consume = group.consumeRatePerSec;
      const windowMs = at.windowSeconds * 1000;
      if (consume !== null && consume <= thresholds.nearZeroRatio * input && group.lagGrowthPerSec !== null && group.lagGrowthPerSec > 0 && windowMs >= zeroMs) {
        trips.push({ rule: "zero-throughput", since: Math.round(takenAt - windowMs), text: `${consume.toFixed(2)} of ${input.toFixed(1)} records/s processed (≤ ${Math.round(thresholds.nearZeroRatio * 100)} %) while the lag grows` });
      }
    }
  }
  return trips;
}

export interface StreamWatchState {
  status: "healthy" | "breached";
  /** the breach's start (the earliest rule's `since`), epoch ms */
  breachStartedAt: number | null;
  /** the sample that saw it */
  detectedAt: number | null;
  rules: RuleTrip[];
  /** breached, tripping nothing since then (epoch ms); null while still tripping */
  healthySince: number | null;
}

export const HEALTHY: StreamWatchState = { status: "healthy", breachStartedAt: null, detectedAt: null, rules: [], healthySince: null };

export type WatchEvent = "breach" | "recovered" | null;

/**
 * One step of a stream's watch. A breach starts on the first sample tripping a rule; it ends
 * only after `recoverySeconds` without any trip, so a stream flapping around its threshold stays
 * one breach (one incident), not one per flap.
 */
export function stepWatch(prev: StreamWatchState, trips: readonly RuleTrip[], takenAt: number, thresholds: WatchThresholds): { next: StreamWatchState; event: WatchEvent } {
  if (trips.length > 0) {
    const since = Math.min(...trips.map((t) => t.since));
    if (prev.status === "healthy") return { next: { status: "breached", breachStartedAt: since, detectedAt: takenAt, rules: [...trips], healthySince: null }, event: "breach" };
    const rules = [...prev.rules.filter((r) => !trips.some((t) => t.rule === r.rule)), ...trips].sort((a, b) => a.since - b.since);
    return { next: { ...prev, breachStartedAt: Math.min(prev.breachStartedAt ?? since, since), rules, healthySince: null }, event: null };
  }
  if (prev.status === "healthy") return { next: prev, event: null };
  const healthySince = prev.healthySince ?? takenAt;
  if (takenAt - healthySince >= thresholds.recoverySeconds * 1000) return { next: { ...HEALTHY }, event: "recovered" };
  return { next: { ...prev, healthySince }, event: null };
}
