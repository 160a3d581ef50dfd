/**
 * Total lag per consumer group at each snapshot of a history (oldest first): what "no lag
 * growth for a period" is judged over, straight from the sampled history. Pure.
 */
import { lagOf } from "./group-signals";
import { committedIn, groupIn, partitionIn } from "./snapshot-index";
import type { ClusterSnapshot } from "./types";

export interface LagSample {
  /** epoch ms */
  at: number;
  /** group → total lag; a group missing from the snapshot is left out */
  totalLag: Record<string, number>;
}

export function lagSeries(history: readonly ClusterSnapshot[], groups: readonly string[]): LagSample[] {
  return history.map((s) => {
    const totalLag: Record<string, number> = {};
    for (const id of groups) {
      const g = groupIn(s, id);
      if (!g || g.offsets.length === 0) continue;
      let sum: number | null = 0;
      for (const o of g.offsets) {
        const l = lagOf(committedIn(g, o.topic, o.partition), partitionIn(s, o.topic, o.partition)).lag;
        sum = l === null || sum === null ? null : sum + l;
      }
      if (sum !== null) totalLag[id] = sum;
    }
    return { at: s.takenAt, totalLag };
  });
}
