/**
 * Per-sample series of one consumer group over a history: total lag, time lag (worst
 * partition), and input vs consume rate over each interval — the group page's charts.
 * Time lag at sample i uses only what was known at i (log end points up to i, plus seeds),
 * through the domain's bounded interpolation (`timeLag`).
 */
import { lagOf } from "@/lib/domain/evidence/group-signals";
import { timeLag, type OffsetTime } from "@/lib/domain/evidence/series";
import type { ClusterSnapshot, OffsetTimePoint } from "@/lib/domain/evidence/types";
import type { SeriesPoint } from "@/lib/schemas/cluster";
import { indexOf } from "./project-history";

export function groupSeries(history: readonly ClusterSnapshot[], groupId: string, seeds: readonly OffsetTimePoint[] = []): SeriesPoint[] {
  const refs: { topic: string; partition: number }[] = [];
  const seen = new Set<string>();
  for (const s of history) {
    for (const o of indexOf(s).groups.get(groupId)?.offsets ?? []) {
      const k = `${o.topic}\u0000${o.partition}`;
      if (!seen.has(k)) {
        seen.add(k);
        refs.push({ topic: o.topic, partition: o.partition });
      }
    }
  }
  const tables = new Map<string, OffsetTime[]>();
  for (const ref of refs) {
    tables.set(
      `${ref.topic}\u0000${ref.partition}`,
      seeds.filter((p) => p.topic === ref.topic && p.partition === ref.partition).map((p) => ({ offset: p.offset, at: p.timestampMs, seeded: true })),
    );
  }
  const points: SeriesPoint[] = [];
  let prev: { at: number; end: number | null; committed: Map<string, number | null> } | null = null;
  for (const s of history) {
    const index = indexOf(s);
    const group = index.groups.get(groupId);
    const committed = new Map<string, number | null>();
    for (const o of group?.offsets ?? []) committed.set(`${o.topic}\u0000${o.partition}`, o.committedOffset);
    let lag: number | null = group ? 0 : null;
    let worstTimeLag: number | null = null;
    let endSum: number | null = 0;
    for (const ref of refs) {
      const k = `${ref.topic}\u0000${ref.partition}`;
      const p = index.topics.get(ref.topic)?.partitions.find((x) => x.partition === ref.partition);
      const table = tables.get(k)!;
      if (p?.logEndOffset != null) table.push({ offset: p.logEndOffset, at: s.takenAt, seeded: false });
      endSum = p?.logEndOffset == null || endSum === null ? null : endSum + p.logEndOffset;
      if (!group) continue;
      const c = committed.get(k) ?? null;
      const l = lagOf(c, p);
      lag = l.lag === null || lag === null ? lag : lag + l.lag;
      const effective = c ?? (l.fromLogStart ? (p?.logStartOffset ?? null) : null);
      const tl = timeLag(effective, p?.logEndOffset ?? null, s.takenAt, table);
      if (tl.seconds !== null) worstTimeLag = Math.max(worstTimeLag ?? 0, tl.seconds);
    }
    let inputRate: number | null = null;
    let consumeRate: number | null = null;
    if (prev && s.takenAt > prev.at) {
      const secs = (s.takenAt - prev.at) / 1000;
      if (endSum !== null && prev.end !== null) inputRate = Math.max(0, endSum - prev.end) / secs;
      if (group) {
        let moved = 0;
        let known = false;
        for (const [k, c] of committed) {
          const before = prev.committed.get(k);
          if (c === null || before === null || before === undefined) continue;
          known = true;
          if (c > before) moved += c - before; // a rewind is not negative throughput
        }
        consumeRate = known ? moved / secs : null;
      }
    }
    points.push({ at: s.takenAt, lag, timeLagSeconds: group ? worstTimeLag : null, inputRatePerSec: inputRate, consumeRatePerSec: consumeRate });
    prev = { at: s.takenAt, end: endSum, committed };
  }
  return points;
}
