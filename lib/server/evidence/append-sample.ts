import "server-only";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { db } from "../db";
import { encodeSample, type KeyframeIndex } from "./encode-sample";

/**
 * Persists one sample. Without `keyframe` the row is a keyframe (returns its id for the deltas
 * that follow); with it, a delta against that keyframe.
 */
export async function appendSample(
  cluster: string,
  snapshot: ClusterSnapshot,
  keyframe: { id: number; index: KeyframeIndex } | null,
): Promise<{ id: number; bytes: number }> {
  const payload = encodeSample(snapshot, keyframe?.index ?? null);
  const row = await db().evidenceSample.create({
    data: { cluster, takenAt: new Date(snapshot.takenAt), keyframe: keyframe === null, keyframeId: keyframe?.id ?? null, payload: new Uint8Array(payload) },
    select: { id: true },
  });
  return { id: row.id, bytes: payload.length };
}
