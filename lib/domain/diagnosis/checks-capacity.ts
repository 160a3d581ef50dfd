/**
 * Capacity limits Kafka's admin API can see: broker log dirs (DescribeLogDirs) for
 * broker.storage-pressure, and client quotas (DescribeClientQuotas) for producer.throttled.
 * Broker request metrics (latency, idle ratios, throttle time) come from Prometheus in their
 * own check file.
 */
import type { ClientQuotaSnapshot } from "@/lib/domain/evidence/types";
import { formatBytes } from "@/lib/domain/evidence/bytes";
import type { LogDirSignals } from "@/lib/domain/evidence/signal-types";
import type { Verdict } from "./types";
import { dur, pct, v, type CheckContext } from "./check-kit";

/** A volume this full is pressure whatever its trend; "nearly full" below is the stronger reading. */
export const VOLUME_FULL_WARN = 0.85;
export const VOLUME_FULL_CRITICAL = 0.95;
/** Kafka's data reaching the end of the free space sooner than this is an incident-time risk. */
export const TIME_TO_FULL_HORIZON_SECONDS = 6 * 3600;
/** A topic taking at least this share of a producer quota per broker is running into it. */
export const QUOTA_CAP_SHARE = 0.8;
/** …and a rate this far above a quota is not held by it. */
export const QUOTA_CAP_OVER = 1.25;

const where = (d: LogDirSignals) => `broker ${d.nodeId} ${d.path}`;

/** Brokers holding a replica of a topic in scope (every broker for the cluster scope). */
function brokersInScope(ctx: CheckContext): Set<number> | null {
  if (ctx.scope.kind === "cluster") return null;
  return new Set(ctx.topics.flatMap((t) => t.partitions.flatMap((p) => p.replicas)));
}

export function storageChecks(ctx: CheckContext): Verdict[] {
  const leaf = "broker.storage-pressure";
  const scope = brokersInScope(ctx);
  const dirs = ctx.signals.cluster.logDirs.filter((d) => scope === null || scope.has(d.nodeId));
  if (dirs.length === 0) return [];
  const out: Verdict[] = [];
  const offline = dirs.filter((d) => d.error !== null);
  if (offline.length) out.push(v("storage.log-dir-pressure", leaf, "supported", 0.9, `log dir offline: ${offline.map((d) => `${where(d)} (${d.error})`).join("; ")}`));
  const full = dirs.filter((d) => (d.volumeUsedFraction ?? 0) >= VOLUME_FULL_WARN).sort((a, b) => (b.volumeUsedFraction ?? 0) - (a.volumeUsedFraction ?? 0));
  const worst = full[0];
  if (worst) {
    const critical = (worst.volumeUsedFraction ?? 0) >= VOLUME_FULL_CRITICAL;
    out.push(v("storage.log-dir-pressure", leaf, "supported", critical ? 0.85 : 0.6,
      `${where(worst)} is ${pct(worst.volumeUsedFraction ?? 0)} full (${formatBytes(worst.usableBytes ?? 0)} usable of ${formatBytes(worst.totalBytes ?? 0)})${full.length > 1 ? ` and ${full.length - 1} more log dir(s) above ${pct(VOLUME_FULL_WARN)}` : ""}`));
  }
  const filling = dirs.filter((d) => d.secondsToFull !== null && d.secondsToFull <= TIME_TO_FULL_HORIZON_SECONDS).sort((a, b) => (a.secondsToFull ?? 0) - (b.secondsToFull ?? 0));
  const soonest = filling[0];
  if (soonest && ctx.signals.samples >= 2) {
    // A projection hours away, extrapolated from minutes of growth, is weaker evidence than a
    // measured symptom: full within the hour weighs most, three to six hours least (a burst of
    // load, e.g. the overload drill's own producers, projects a far-off full disk).
    const toFull = soonest.secondsToFull ?? 0;
    out.push(v("storage.log-dir-pressure", leaf, "supported", toFull < 3600 ? 0.8 : toFull < 3 * 3600 ? 0.65 : 0.5,
      `Kafka's data on ${where(soonest)} grows ${formatBytes(soonest.netGrowthBytesPerSec ?? 0)}/s net of retention: the ${formatBytes(soonest.usableBytes ?? 0)} still usable are full in ${dur(soonest.secondsToFull ?? 0)}`));
  }
  if (out.length === 0) {
    const known = dirs.filter((d) => d.volumeUsedFraction !== null);
    if (known.length === dirs.length && ctx.signals.samples >= 2) {
      const most = Math.max(...known.map((d) => d.volumeUsedFraction ?? 0));
      out.push(v("storage.log-dir-pressure", leaf, "contradicted", 0.6, `every log dir in scope (${dirs.length}) has room: at most ${pct(most)} of its volume used, none filling to full within ${dur(TIME_TO_FULL_HORIZON_SECONDS)}`));
    }
  }
  return out;
}

const quotaEntity = (q: ClientQuotaSnapshot) => q.entity.map((e) => `${e.type} ${e.name ?? "(default)"}`).join(", ");

/**
 * Kafka admin data cannot say which client writes a topic, but a quota that throttles it
 * leaves its mark: the topic's recent input, per leader broker (quotas are per client per
 * broker), sits at the cap. A rate well above a cap cannot be held by it; a rate well below
 * every cap is not throttled by any.
 */
export function quotaChecks(ctx: CheckContext): Verdict[] {
  const leaf = "producer.throttled";
  const producerQuotas = (ctx.signals.cluster.quotas ?? []).filter((q) => (q.values.producer_byte_rate ?? 0) > 0);
  if (producerQuotas.length === 0) return [];
  const out: Verdict[] = [];
  for (const t of ctx.topics) {
    const perLeader = new Map<number, number>();
    for (const p of t.partitions) if (p.recentInputBytesPerSec !== null && p.leader >= 0) perLeader.set(p.leader, (perLeader.get(p.leader) ?? 0) + p.recentInputBytesPerSec);
    const busiest = [...perLeader].sort((a, b) => b[1] - a[1])[0];
    if (!busiest || busiest[1] <= 0) continue;
    const [leader, rate] = busiest;
    const shares = producerQuotas.map((q) => ({ q, cap: q.values.producer_byte_rate ?? 0, share: rate / (q.values.producer_byte_rate ?? 1) }));
    const atCap = shares.filter((x) => x.share >= QUOTA_CAP_SHARE && x.share <= QUOTA_CAP_OVER).sort((a, b) => Math.abs(1 - a.share) - Math.abs(1 - b.share))[0];
    const text = (x: (typeof shares)[number]) =>
      `${t.name} takes ${formatBytes(Math.round(rate))}/s on broker ${leader} recently: ${pct(x.share)} of the producer_byte_rate quota of ${quotaEntity(x.q)} (${formatBytes(x.cap)}/s per broker)`;
    if (atCap) out.push(v("quota.producer-capped", leaf, "supported", 0.7, `${text(atCap)}: the quota caps its input`));
    else if (shares.every((x) => x.share < 0.5)) {
      const loosest = [...shares].sort((a, b) => b.share - a.share)[0]!;
      out.push(v("quota.producer-capped", leaf, "contradicted", 0.3, `${text(loosest)}: below every producer quota`));
    }
  }
  return out;
}
