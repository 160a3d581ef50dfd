/**
 * Cluster checks (brokers, replication, leadership) and change checks (config diffs, timeline
 * events lining up with the lag start). A departed broker explains the ISR shrink and leader
 * moves it causes, so those verdicts are down-weighted when a broker is missing: broker.down
 * must outrank its own consequences.
 */
import type { PartitionRef } from "@/lib/domain/evidence/signal-types";
import type { TimelineEvent, Verdict } from "./types";
import { dur, r1, v, type CheckContext } from "./check-kit";
import { utcClock } from "@/lib/domain/metrics/durations";

/** an event lines up with the lag start if it happened up to 15 min before or 2 min after it. */
export const ALIGN_BEFORE_MS = 15 * 60_000;
export const ALIGN_AFTER_MS = 2 * 60_000;

const hhmmss = (ms: number) => `${utcClock(ms)}Z`;
const refs = (xs: PartitionRef[]) =>
  xs.slice(0, 3).map((p) => `${p.topic}[${p.partition}]`).join(", ") + (xs.length > 3 ? ` and ${xs.length - 3} more` : "");

function scopedTopics(ctx: CheckContext): Set<string> | null {
  return ctx.scope.kind === "cluster" ? null : new Set(ctx.topics.map((t) => t.name));
}
const inScope = (ctx: CheckContext) => {
  const topics = scopedTopics(ctx);
  return (r: { topic: string }) => topics === null || topics.has(r.topic);
};

export function missingBrokers(ctx: CheckContext): { nodeId: number; host: string; at: number }[] {
  const present = new Set(ctx.signals.cluster.brokerIds);
  const seen = new Map<number, { nodeId: number; host: string; at: number }>();
  for (const b of ctx.signals.cluster.brokersLeft) if (!present.has(b.nodeId) && !seen.has(b.nodeId)) seen.set(b.nodeId, b);
  return [...seen.values()].sort((a, b) => a.nodeId - b.nodeId);
}

export function clusterChecks(ctx: CheckContext): Verdict[] {
  const out: Verdict[] = [];
  const c = ctx.signals.cluster;
  const keep = inScope(ctx);
  const missing = missingBrokers(ctx);
  const missingIds = new Set(missing.map((b) => b.nodeId));
  const affected = ctx.topics.flatMap((t) => t.partitions.filter((p) => p.replicas.some((r) => missingIds.has(r))));
  if (missing.length > 0) {
    const who = missing.map((b) => `broker ${b.nodeId} (${b.host}) left at ${hhmmss(b.at)}`).join("; ");
    const relevant = ctx.scope.kind === "cluster" || affected.length > 0;
    const tail = ctx.scope.kind === "cluster" ? "" : relevant ? `; it holds replicas of ${affected.length} partition(s) in scope` : "; it holds no replica in scope";
    out.push(v("cluster.broker-left", "broker.down", "supported", relevant ? 0.9 : 0.4, `${who} and has not returned${tail}`));
  } else if (c.brokersLeft.length > 0) {
    out.push(v("cluster.broker-left", "broker.down", "supported", 0.5, `broker ${c.brokersLeft.map((b) => b.nodeId).join(", ")} left and came back in the window (restart?)`));
  } else if (ctx.signals.samples >= 2) {
    out.push(v("cluster.broker-left", "broker.down", "contradicted", 0.6, `all ${c.brokerIds.length} brokers seen in the window are present`));
  }
  const offline = c.offlinePartitions.filter(keep);
  if (offline.length > 0) out.push(v("cluster.offline-partitions", "broker.down", "supported", 0.8, `${offline.length} partition(s) offline (leader -1): ${refs(offline)}`));

  const under = c.underReplicated.filter(keep);
  const total = ctx.topics.reduce((s, t) => s + t.partitionCount, 0);
  const explained = missing.length > 0 ? ` after broker ${[...missingIds].join(", ")} left` : "";
  if (under.length > 0) {
    out.push(v("cluster.under-replicated", "broker.under-replicated", "supported", missing.length > 0 ? 0.45 : 0.6, `${under.length} of ${total} partitions under-replicated (isr < replicas)${explained}: ${refs(under)}`));
    if (missing.length === 0) out.push(v("cluster.under-replicated", "broker.overload", "supported", 0.3, `followers fell out of ISR on ${under.length} partition(s) while every broker stayed up: overload or slow disks?`));
  } else if (total > 0) {
    out.push(v("cluster.under-replicated", "broker.under-replicated", "contradicted", 0.6, `all ${total} partitions in scope have a full ISR`));
  }
  const underMin = c.underMinIsr.filter(keep);
  if (underMin.length > 0) {
    const detail = underMin.slice(0, 3).map((r) => {
      const t = ctx.signals.topics.find((x) => x.name === r.topic);
      const p = t?.partitions.find((x) => x.partition === r.partition);
      return `${r.topic}[${r.partition}] isr ${p?.isr.length ?? "?"} < min.insync.replicas ${t?.minInsyncReplicas ?? "?"}`;
    });
    out.push(v("cluster.under-min-isr", "broker.under-replicated", "supported", missing.length > 0 ? 0.6 : 0.85, `acks=all writes fail on ${underMin.length} partition(s): ${detail.join("; ")}`));
  }

  // Leader moves caused by a departed broker are broker.down's consequence, not churn.
  const unexplained = c.leaderChanges.filter(keep).filter((l) => !missingIds.has(l.from) && !c.brokersLeft.some((b) => b.at === l.at) && !c.brokersJoined.some((b) => b.at === l.at));
  if (unexplained.length >= 3) {
    out.push(v("cluster.leader-churn", "cluster.controller-churn", "supported", 0.7, `${unexplained.length} leader changes without a broker leaving or joining, e.g. ${refs(unexplained)}`));
  } else if (c.controllerKnown && c.controllerChanges >= 2) {
    const how = c.kraft ? "KRaft controller elections (metadata quorum leader epoch)" : "controller moves";
    out.push(v("cluster.leader-churn", "cluster.controller-churn", "supported", 0.6, `${c.controllerChanges} ${how} in the window; active controller now ${c.activeControllerId ?? "unknown"}`));
  } else if (c.leaderChanges.filter(keep).length === 0 && ctx.signals.samples >= 2) {
    out.push(v("cluster.leader-churn", "cluster.controller-churn", "contradicted", 0.5, "no leader changed in the window"));
  }
  return out;
}

/** When the lag started, for lining up timeline events; falls back to the first cluster change. */
export function lagStart(ctx: CheckContext): number | null {
  const starts = ctx.groups.map((g) => g.lagStartedAt).filter((x): x is number => x !== null);
  if (starts.length > 0) return Math.min(...starts);
  const c = ctx.signals.cluster;
  const changes = [...c.brokersLeft.map((b) => b.at), ...c.isrShrinks.map((s) => s.at), ...c.configChanges.map((s) => s.at)];
  return changes.length > 0 ? Math.min(...changes) : null;
}

function eventCheck(
  ctx: CheckContext,
  kind: TimelineEvent["kind"],
  checkId: "event.deploy-aligned" | "event.schema-change-aligned" | "event.config-change-aligned",
  leafId: string,
  weight: number,
): Verdict[] {
  const topics = scopedTopics(ctx);
  const events = ctx.events
    .filter((e) => e.kind === kind && (e.topic === undefined || topics === null || topics.has(e.topic)))
    .sort((a, b) => a.at - b.at);
  if (events.length === 0) return [];
  const start = lagStart(ctx);
  const label = (e: TimelineEvent) => `${kind}${e.service ? ` of ${e.service}` : ""}${e.topic ? ` on ${e.topic}` : ""} at ${hhmmss(e.at)}`;
  if (start === null) return [v(checkId, leafId, "unknown", 0, `${label(events[0] as TimelineEvent)} recorded, but no lag start to line it up with`)];
  const aligned = events.filter((e) => e.at >= start - ALIGN_BEFORE_MS && e.at <= start + ALIGN_AFTER_MS);
  const best = aligned[aligned.length - 1];
  if (best) {
    return [v(checkId, leafId, "supported", weight, `${label(best)} lines up with the lag start at ${hhmmss(start)} (${r1((start - best.at) / 60_000)} min before it)`)];
  }
  const nearest = [...events].sort((a, b) => Math.abs(a.at - start) - Math.abs(b.at - start))[0] as TimelineEvent;
  return [v(checkId, leafId, "contradicted", 0.4, `${label(nearest)} is ${dur(Math.abs(nearest.at - start) / 1000)} away from the lag start at ${hhmmss(start)}`)];
}

export function changeChecks(ctx: CheckContext): Verdict[] {
  const out: Verdict[] = [];
  const changes = ctx.signals.cluster.configChanges.filter(inScope(ctx));
  if (changes.length > 0) {
    const list = changes.slice(0, 3).map((c) => `${c.topic} ${c.key} ${c.from ?? "unset"} → ${c.to ?? "unset"} at ${hhmmss(c.at)}`);
    out.push(v("topic.config-changed", "change.config", "supported", 0.7, `config changed: ${list.join("; ")}${changes.length > 3 ? ` and ${changes.length - 3} more` : ""}`));
  } else if (ctx.signals.samples >= 2) {
    out.push(v("topic.config-changed", "change.config", "contradicted", 0.3, "no topic config changed within the window"));
  }
  const stalled = ctx.groups.some((g) => g.partitions.some((p) => p.status === "stalled"));
  out.push(...eventCheck(ctx, "deploy", "event.deploy-aligned", "change.bad-deploy", 0.7));
  out.push(...eventCheck(ctx, "schema-change", "event.schema-change-aligned", "change.schema-incompatible", stalled ? 0.85 : 0.7));
  out.push(...eventCheck(ctx, "config-change", "event.config-change-aligned", "change.config", 0.6));
  return out;
}
