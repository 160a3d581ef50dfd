/**
 * Small numeric helpers over time series of offsets. Pure; every function tolerates nulls
 * because a snapshot may miss an offset (leaderless partition, group without commit).
 */
import type { TimeLagEstimate } from "./signal-types";

export interface Point {
  at: number;
  value: number | null;
}

/**
 * Records/s from a monotone counter (log end or committed offset): the sum of positive deltas
 * over the time covered by readable intervals. Negative deltas (topic recreated, offset reset)
 * are skipped instead of subtracted, so a rewind does not look like negative throughput.
 */
export function counterRate(points: Point[]): number | null {
  let sum = 0;
  let ms = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (!a || !b || a.value === null || b.value === null || b.at <= a.at) continue;
    ms += b.at - a.at;
    if (b.value > a.value) sum += b.value - a.value;
  }
  return ms > 0 ? (sum * 1000) / ms : null;
}

/** Splits a series into the earlier two thirds and the last third of its intervals. */
export function baselineAndRecent(points: Point[]): { baseline: number | null; recent: number | null } {
  const intervals = points.length - 1;
  if (intervals < 2) return { baseline: null, recent: null };
  const recentIntervals = Math.max(1, Math.floor(intervals / 3));
  const cut = points.length - 1 - recentIntervals;
  return { baseline: counterRate(points.slice(0, cut + 1)), recent: counterRate(points.slice(cut)) };
}

/** Least-squares slope per second; null with fewer than two readable points. */
export function slopePerSec(points: Point[]): number | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const p of points) {
    if (p.value === null) continue;
    xs.push(p.at / 1000);
    ys.push(p.value);
  }
  if (xs.length < 2) return null;
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = (xs[i] ?? 0) - mx;
    num += dx * ((ys[i] ?? 0) - my);
    den += dx * dx;
  }
  return den > 0 ? num / den : null;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const hi = s[mid] ?? 0;
  return s.length % 2 === 1 ? hi : ((s[mid - 1] ?? 0) + hi) / 2;
}

export function sumOrNull(values: (number | null)[]): number | null {
  let seen = false;
  let sum = 0;
  for (const v of values) {
    if (v === null) continue;
    seen = true;
    sum += v;
  }
  return seen ? sum : null;
}

/** An (offset, time) point: "offset was the log end at time" or "record offset was produced at time". */
export interface OffsetTime {
  offset: number;
  at: number;
  seeded: boolean;
}

export interface TimeLagResult {
  seconds: number | null;
  estimate: TimeLagEstimate;
}

/**
 * Time lag the way Kafka Lag Exporter computes it: find when the committed offset was the
 * log end by interpolating on sampled (logEndOffset, takenAt) points, then lag = now − that time.
 *
 * The record at offset C was produced after the last point whose offset is ≤ C and before the
 * first point whose offset is > C; we interpolate linearly between those two. When C is older
 * than every point we do NOT extrapolate (Lag Exporter does, and a flat window makes that
 * absurd): we return now − time of the oldest point above C, flagged "lower-bound". Seeds from
 * offsets-by-timestamp lookups extend the table into the past so this works from the first
 * sample; any result using a seed is flagged "seeded".
 */
export function timeLag(
  committed: number | null,
  logEnd: number | null,
  now: number,
  table: OffsetTime[],
): TimeLagResult {
  if (committed === null || logEnd === null) return { seconds: null, estimate: "unknown" };
  if (committed >= logEnd) return { seconds: 0, estimate: "caught-up" };
  let below: OffsetTime | undefined; // last (latest) point with offset <= committed
  let above: OffsetTime | undefined; // first (earliest) point with offset > committed
  for (const p of table) {
    if (p.at > now) continue;
    if (p.offset <= committed) {
      if (!below || p.at > below.at) below = p;
    } else if (!above || p.at < above.at) {
      above = p;
    }
  }
  if (!above) {
    // No point past the committed offset but logEnd is: the record arrived after the last
    // sample we can place it against, so the honest answer is "now".
    return { seconds: 0, estimate: "lower-bound" };
  }
  if (!below || below.at > above.at) {
    return { seconds: Math.max(0, (now - above.at) / 1000), estimate: "lower-bound" };
  }
  const span = above.offset - below.offset;
  const frac = span > 0 ? (committed - below.offset) / span : 0;
  const producedAt = below.at + frac * (above.at - below.at);
  return {
    seconds: Math.max(0, (now - producedAt) / 1000),
    estimate: below.seeded || above.seeded ? "seeded" : "interpolated",
  };
}
