import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { indexOf } from "./project-history";

/** Per-sample input rate (records/s over the preceding interval) and retained records of one topic. */
export function topicSeries(history: readonly ClusterSnapshot[], topic: string): { at: number; inputRatePerSec: number | null; records: number | null }[] {
  const out: { at: number; inputRatePerSec: number | null; records: number | null }[] = [];
  let prev: { at: number; end: number | null } | null = null;
  for (const s of history) {
    const tp = indexOf(s).topics.get(topic);
    let end: number | null = tp ? 0 : null;
    let records: number | null = tp ? 0 : null;
    for (const p of tp?.partitions ?? []) {
      end = end === null || p.logEndOffset === null ? null : end + p.logEndOffset;
      records = records === null || p.logEndOffset === null || p.logStartOffset === null ? null : records + p.logEndOffset - p.logStartOffset;
    }
    const rate = prev && prev.end !== null && end !== null && s.takenAt > prev.at ? Math.max(0, end - prev.end) / ((s.takenAt - prev.at) / 1000) : null;
    out.push({ at: s.takenAt, inputRatePerSec: rate, records });
    prev = { at: s.takenAt, end };
  }
  return out;
}
