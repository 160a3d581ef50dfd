import type { SamplerState } from "@/lib/schemas/cluster";
import type { EvidenceSampler } from "./sampler";

/** The sampler's status as the API shows it, with the age of the newest sample. */
export function samplerState(sampler: EvidenceSampler, now = Date.now()): SamplerState {
  const s = sampler.status();
  const ageMs = s.lastSampleAt === null ? null : Math.max(0, now - s.lastSampleAt);
  return {
    cluster: s.cluster,
    brokers: s.brokers,
    running: s.running,
    leader: s.leader,
    collecting: s.collecting,
    collectingSince: s.collectingSince,
    lastAttemptAt: s.lastAttemptAt,
    lastSampleAt: s.lastSampleAt,
    ageSeconds: ageMs === null ? null : Math.round(ageMs / 100) / 10,
    stale: s.lastError !== null || (ageMs !== null && ageMs > 2 * s.fastMs + (s.lastDurationMs ?? 0)),
    lastError: s.lastError,
    consecutiveFailures: s.consecutiveFailures,
    samples: s.samples,
    windowSeconds: s.oldestSampleAt !== null && s.lastSampleAt !== null ? (s.lastSampleAt - s.oldestSampleAt) / 1000 : 0,
    fastMs: s.fastMs,
    slowMs: s.slowMs,
    retentionHours: s.retentionMs / 3_600_000,
    lastDurationMs: s.lastDurationMs,
    lastRequestCount: s.lastRequestCount,
    persisted: s.persisted,
  };
}
