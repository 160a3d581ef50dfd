import "server-only";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { db } from "../db";
import { decodeSample } from "./encode-sample";

/** Decoded keyframes by row id: persisted rows never change, so each is decoded once. */
const decoded = new Map<number, ClusterSnapshot>();
const MAX_DECODED = 600;

/**
 * A cluster's persisted keyframes (one a minute: the sampler's slow cadence) with
 * from ≤ takenAt ≤ to, oldest first, at most `max` of them evenly spread. Keyframes need no
 * other row to decode, so a reach-back of a day costs at most `max` decodes, once each.
 */
export async function loadKeyframes(cluster: string, from: number, to: number, max: number): Promise<ClusterSnapshot[]> {
  if (to < from || max <= 0) return [];
  const ids = await db().evidenceSample.findMany({
    where: { cluster, keyframe: true, takenAt: { gte: new Date(from), lte: new Date(to) } },
    orderBy: { takenAt: "asc" },
    select: { id: true },
  });
  const step = ids.length / max;
  const picked = ids.length <= max ? ids : Array.from({ length: max }, (_, i) => ids[Math.min(ids.length - 1, Math.floor(i * step))]!);
  if (picked.length && picked[picked.length - 1] !== ids[ids.length - 1]) picked[picked.length - 1] = ids[ids.length - 1]!;
  const missing = picked.map((r) => r.id).filter((id) => !decoded.has(id));
  if (missing.length) {
    const rows = await db().evidenceSample.findMany({ where: { id: { in: missing } }, select: { id: true, payload: true } });
    for (const row of rows) decoded.set(row.id, decodeSample(row.payload, null));
    while (decoded.size > MAX_DECODED) decoded.delete(decoded.keys().next().value as number);
  }
  return picked.map((r) => decoded.get(r.id)).filter((s): s is ClusterSnapshot => s !== undefined);
}
