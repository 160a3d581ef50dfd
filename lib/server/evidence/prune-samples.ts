import "server-only";
import { db } from "../db";

/**
 * Deletes a cluster's samples older than `before` (epoch ms), at a keyframe boundary: rows are
 * kept from the newest keyframe at or before the cutoff, so every kept delta keeps its keyframe.
 * Returns how many rows were deleted.
 */
export async function pruneSamples(cluster: string, before: number): Promise<number> {
  const boundary = await db().evidenceSample.findFirst({
    where: { cluster, keyframe: true, takenAt: { lte: new Date(before) } },
    orderBy: { takenAt: "desc" },
    select: { takenAt: true },
  });
  if (!boundary) return 0;
  const { count } = await db().evidenceSample.deleteMany({ where: { cluster, takenAt: { lt: boundary.takenAt } } });
  return count;
}
