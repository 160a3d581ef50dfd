import "server-only";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { db } from "../db";
import { decodeSample, indexKeyframe, type KeyframeIndex } from "./encode-sample";

export interface LoadedSamples {
  snapshots: ClusterSnapshot[];
  /** The newest keyframe among the loaded rows (lets a restarted sampler keep writing deltas). */
  lastKeyframe: { id: number; index: KeyframeIndex } | null;
}

/**
 * A cluster's persisted samples with from ≤ takenAt ≤ to, oldest first. `every` keeps one row
 * in `every` (keyframes needed for decoding are read regardless), to bound long ranges.
 */
export async function loadSamples(cluster: string, from: number, to: number, every = 1): Promise<LoadedSamples> {
  const rows = await db().evidenceSample.findMany({
    where: { cluster, takenAt: { gte: new Date(from), lte: new Date(to) } },
    orderBy: { takenAt: "asc" },
    select: { id: true, takenAt: true, keyframe: true, keyframeId: true, payload: true },
  });
  const picked = every > 1 ? rows.filter((_, i) => i % every === 0 || i === rows.length - 1) : rows;
  const keyframes = new Map<number, KeyframeIndex>();
  const missing = [...new Set(picked.map((r) => r.keyframeId).filter((id): id is number => id !== null))].filter((id) => !rows.some((r) => r.id === id && r.keyframe));
  const extra = missing.length ? await db().evidenceSample.findMany({ where: { id: { in: missing } }, select: { id: true, payload: true } }) : [];
  const keyframeRow = (id: number) => rows.find((r) => r.id === id) ?? extra.find((r) => r.id === id);
  const indexOf = (id: number): KeyframeIndex | null => {
    const hit = keyframes.get(id);
    if (hit) return hit;
    const row = keyframeRow(id);
    if (!row) return null;
    const index = indexKeyframe(decodeSample(row.payload, null));
    keyframes.set(id, index);
    return index;
  };
  const snapshots: ClusterSnapshot[] = [];
  let lastKeyframe: LoadedSamples["lastKeyframe"] = null;
  for (const row of picked) {
    if (row.keyframe) {
      const index = indexOf(row.id);
      if (index) {
        snapshots.push(index.snapshot);
        lastKeyframe = { id: row.id, index };
      }
      continue;
    }
    const base = row.keyframeId !== null ? indexOf(row.keyframeId) : null;
    if (base) snapshots.push(decodeSample(row.payload, base)); // an orphan delta (keyframe pruned) is skipped
  }
  return { snapshots, lastKeyframe };
}
