/** Mappers from the domain's signals to the API's views (lib/schemas/cluster.ts). */
import type { GroupPartitionSignals, GroupSignals, RetentionRisk, TopicSignals } from "@/lib/domain/evidence/signal-types";
import type { TopicSnapshot } from "@/lib/domain/evidence/types";
import type { GroupPartitionView, GroupRow, RetentionRiskView, TopicRow } from "@/lib/schemas/cluster";

export function retentionView(risk: RetentionRisk, where: string | null = null): RetentionRiskView {
  switch (risk.kind) {
    case "lost":
      return { kind: "lost", recordsLost: risk.recordsLost, secondsUntilExpiry: null, secondsToDrain: null, why: null, where };
    case "expires-before-drain":
    case "safe":
      return { kind: risk.kind, recordsLost: null, secondsUntilExpiry: risk.secondsUntilExpiry, secondsToDrain: risk.secondsToDrain, why: null, where };
    default:
      return { kind: risk.kind, recordsLost: null, secondsUntilExpiry: null, secondsToDrain: null, why: risk.why, where };
  }
}

const RISK_ORDER = ["lost", "expires-before-drain", "unknown", "safe", "none"] as const;

/** The group's worst partition risk: data lost, then the nearest expiry, then unknown, safe, none. */
export function worstRetention(partitions: GroupPartitionSignals[]): RetentionRiskView {
  let best: { rank: number; key: number; view: RetentionRiskView } | null = null;
  for (const p of partitions) {
    const view = retentionView(p.retention, `${p.topic}[${p.partition}]`);
    const rank = RISK_ORDER.indexOf(view.kind);
    const key = view.kind === "lost" ? -(view.recordsLost ?? 0) : (view.secondsUntilExpiry ?? Number.POSITIVE_INFINITY);
    if (!best || rank < best.rank || (rank === best.rank && key < best.key)) best = { rank, key, view };
  }
  return best?.view ?? { kind: "none", recordsLost: null, secondsUntilExpiry: null, secondsToDrain: null, why: "no partitions", where: null };
}

export function groupRow(g: GroupSignals): GroupRow {
  return {
    groupId: g.groupId,
    state: g.state,
    protocol: g.protocol,
    groupEpoch: g.groupEpoch,
    assignor: g.assignor,
    members: g.memberCount,
    topics: g.topics,
    partitions: g.partitions.length,
    totalLag: g.totalLag,
    maxTimeLagSeconds: g.maxTimeLagSeconds,
    lagGrowthPerSec: g.lagGrowthPerSec,
    consumeRatePerSec: g.consumeRatePerSec,
    inputRatePerSec: g.inputRatePerSec,
    timeToDrainSeconds: g.timeToDrainSeconds,
    drain: g.drain,
    status: g.status,
    statusReason: g.statusReason,
    retention: worstRetention(g.partitions),
  };
}

export function groupPartitionView(p: GroupPartitionSignals): GroupPartitionView {
  return {
    topic: p.topic,
    partition: p.partition,
    committedOffset: p.committedOffset,
    logStartOffset: p.logStartOffset,
    logEndOffset: p.logEndOffset,
    lastStableOffset: p.lastStableOffset,
    lag: p.lag,
    lagFromLogStart: p.lagFromLogStart,
    lagShare: p.lagShare,
    timeLagSeconds: p.timeLagSeconds,
    timeLagEstimate: p.timeLagEstimate,
    consumeRatePerSec: p.consumeRatePerSec,
    inputRatePerSec: p.inputRatePerSec,
    secondsToDrain: p.secondsToDrain,
    assignedTo: p.assignedTo,
    status: p.status,
    statusReason: p.statusReason,
    retention: retentionView(p.retention),
  };
}

export function topicRow(t: TopicSignals, raw: TopicSnapshot | undefined): TopicRow {
  let records: number | null = 0;
  let sizeBytes: number | null = null;
  for (const p of t.partitions) {
    if (p.sizeBytes !== null) sizeBytes = (sizeBytes ?? 0) + p.sizeBytes;
    if (p.logEndOffset === null || p.logStartOffset === null) continue;
    records = (records ?? 0) + (p.logEndOffset - p.logStartOffset);
  }
  return {
    name: t.name,
    internal: t.internal,
    partitions: t.partitionCount,
    replicationFactor: Math.max(0, ...t.partitions.map((p) => p.replicas.length)),
    retentionMs: t.retentionMs,
    cleanupPolicy: raw?.configs["cleanup.policy"] ?? null,
    minInsyncReplicas: t.minInsyncReplicas,
    inputRatePerSec: t.inputRatePerSec,
    records,
    sizeBytes,
    offline: t.partitions.filter((p) => p.offline).length,
    underReplicated: t.partitions.filter((p) => p.underReplicated).length,
    underMinIsr: t.partitions.filter((p) => p.underMinIsr).length,
  };
}
