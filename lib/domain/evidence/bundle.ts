/**
 * The evidence bundle (docs/contracts.md §3): snapshot history → one JSON document. Pure: no I/O,
 * reused by the evidence CLI and by the server.
 *
 * Every number comes from computeSignals (rates over the history, lag, time lag seeded from
 * offsets-by-timestamp points), diagnoseAll (causes above the worth-investigating threshold,
 * best first, and the causes the evidence rules out) and proposeSeverity.
 */
import { bundleMetrics, metricsWarnings, type BundleMetrics } from "../broker-metrics/bundle";
import type { BrokerMetricsReading } from "../broker-metrics/types";
import { diagnoseAll } from "../diagnosis/rank";
import type { DiagnosisEntry } from "../diagnosis/types";
import { proposeSeverity, type SeverityContext, type SeverityLevel } from "../severity/propose";
import { computeSignals } from "./signals";
import type { EvidenceSignals, GroupSignals, TopicSignals } from "./signal-types";
import { formatBytes } from "./bytes";
import type { ClusterSnapshot, LogDirSnapshot, OffsetTimePoint } from "./types";

export type Sev = SeverityLevel;
export type { DiagnosisEntry };

export interface BundlePartition {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offline: boolean;
  logStartOffset: number | null;
  /** the high watermark */
  logEndOffset: number | null;
  /** the last stable offset: below logEndOffset while a transaction is open; null when unknown */
  lastStableOffset: number | null;
  /** bytes of the leader's replica on disk; null when unknown */
  sizeBytes: number | null;
  inputRatePerSec: number | null;
}
export interface BundleTopic { name: string; configs: Record<string, string>; partitions: BundlePartition[] }
export interface BundleGroupPartition {
  topic: string;
  partition: number;
  committedOffset: number | null;
  /** the high watermark: lag = logEndOffset − committedOffset */
  logEndOffset: number | null;
  lastStableOffset: number | null;
  lag: number | null;
  consumeRatePerSec: number | null;
  timeLagSeconds: number | null;
  status: string;
}
export interface BundleGroup {
  groupId: string;
  state: string;
  /** "classic" | "consumer" (KIP-848); "unknown" only when the broker did not say */
  protocol: string;
  /** Number of members. */
  members: number;
  totalLag: number;
  /** How far behind in time the slowest partition is (seconds); 0 when caught up, null when unknown. */
  timeLagSeconds: number | null;
  /** Burrow-style status of the group (ok, lagging, stalled, stopped, rewound, rebalancing, error). */
  status: string;
  partitions: BundleGroupPartition[];
}
export interface EvidenceBundle {
  takenAt: string;
  windowSeconds: number;
  samples: number;
  cluster: {
    clusterId: string | null;
    /** logDirs: null where the sample did not read them; totals null where the broker does not say */
    brokers: { nodeId: number; host: string; port: number; logDirs: LogDirSnapshot[] | null }[];
    /** On KRaft just the broker the metadata names, not the active controller (see controller). */
    controllerId: number | null;
    kraft: boolean | null;
    /** The KRaft quorum: the active controller and each voter's lag behind it; null when unknown. */
    controller: {
      activeId: number | null;
      epoch: number;
      /** elections in the window (leader-epoch bumps) */
      changes: number;
      voters: { id: number; lagRecords: number }[];
      observers: { id: number; lagRecords: number }[];
    } | null;
    /** brokers registered but fenced (Kafka 4) */
    fencedBrokers: number[];
  };
  topics: BundleTopic[];
  groups: BundleGroup[];
  diagnosis: DiagnosisEntry[];
  severity: { proposed: Sev; reasons: string[] };
  /** broker metrics from Prometheus (source "none" without PROMETHEUS_URL). */
  metrics: BundleMetrics;
  warnings: string[];
}

export interface BundleOptions {
  /** Only these groups (default: all). */
  groups?: string[];
  /** Only these topics, plus the topics the selected groups consume (default: all). */
  topics?: string[];
  /** Offsets-by-timestamp points for time lag (gateway.sampleOffsetTimes). */
  timePoints?: OffsetTimePoint[];
  /** Freshness SLOs and tiers of the streams (ownership catalog), for the severity proposal. */
  severity?: Omit<SeverityContext, "scope">;
  /** broker metric readings from before the history (the CLI's range-query baseline). */
  brokerReadings?: BrokerMetricsReading[];
}

const round = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);

function bundleTopic(topic: TopicSignals, configs: Record<string, string>): BundleTopic {
  return {
    name: topic.name,
    configs: { ...configs },
    partitions: topic.partitions.map((p) => ({
      partition: p.partition,
      leader: p.leader,
      replicas: p.replicas,
      isr: p.isr,
      offline: p.offline,
      logStartOffset: p.logStartOffset,
      logEndOffset: p.logEndOffset,
      lastStableOffset: p.lastStableOffset,
      sizeBytes: p.sizeBytes,
      inputRatePerSec: round(p.inputRatePerSec),
    })),
  };
}

function bundleGroup(group: GroupSignals, snapshotProtocol: string | undefined): BundleGroup {
  return {
    groupId: group.groupId,
    state: group.state,
    protocol: snapshotProtocol ?? group.protocol,
    members: group.memberCount,
    totalLag: group.totalLag,
    timeLagSeconds: group.totalLag === 0 ? 0 : group.maxTimeLagSeconds === null ? null : Math.round(group.maxTimeLagSeconds * 10) / 10,
    status: group.status,
    partitions: group.partitions.map((p) => ({
      topic: p.topic,
      partition: p.partition,
      committedOffset: p.committedOffset,
      logEndOffset: p.logEndOffset,
      lastStableOffset: p.lastStableOffset,
      lag: p.lag,
      consumeRatePerSec: round(p.consumeRatePerSec),
      timeLagSeconds: p.timeLagSeconds === null ? null : Math.round(p.timeLagSeconds * 10) / 10,
      status: p.status,
    })),
  };
}

/** Builds the bundle from snapshots in time order (the last one is "now"). */
export function buildEvidenceBundle(history: ClusterSnapshot[], opts: BundleOptions = {}): EvidenceBundle {
  if (history.length === 0) throw new Error("buildEvidenceBundle needs at least one snapshot");
  return bundleFromSignals(computeSignals(history, { seeds: opts.timePoints, brokerReadings: opts.brokerReadings }), history, opts);
}

/**
 * The bundle of signals already computed over `history` (the scope-evidence service's, which
 * reach back before the window): what an incident keeps for its review is the same document the
 * CLI prints, with the same severity model and scope rules.
 */
export function bundleFromSignals(signals: EvidenceSignals, history: readonly ClusterSnapshot[], opts: Omit<BundleOptions, "timePoints" | "brokerReadings"> & { warnings?: string[] } = {}): EvidenceBundle {
  const latest = history[history.length - 1];
  if (!latest) throw new Error("bundleFromSignals needs at least one snapshot");
  const wantedGroups = opts.groups ? signals.groups.filter((g) => opts.groups!.includes(g.groupId)) : signals.groups;
  const groups = opts.topics && !opts.groups ? wantedGroups.filter((g) => g.topics.some((t) => opts.topics!.includes(t))) : wantedGroups;
  const topicNames = opts.topics || opts.groups ? new Set([...(opts.topics ?? []), ...groups.flatMap((g) => g.topics)]) : null;
  const topics = signals.topics.filter((t) => !topicNames || topicNames.has(t.name));
  const configsOf = new Map(latest.topics.map((t) => [t.name, t.configs]));
  const protocolOf = new Map(latest.groups.map((g) => [g.groupId, g.protocol]));

  // Diagnose only what was asked for: a scoped bundle carries no other group's causes.
  const groupIds = new Set(groups.map((g) => g.groupId));
  const diagnosis = diagnoseAll(signals).filter((d) => d.scope.kind !== "group" || groupIds.has(d.scope.name));
  // The same model and the same scope as an incident's own proposal (lib/domain/severity/propose.ts).
  const severity = proposeSeverity(signals, { ...opts.severity, scope: { groups: opts.groups ?? [], topics: opts.topics ?? [] } });

  const metrics = bundleMetrics([...history]);
  const warnings = [...new Set([...(opts.warnings ?? history.flatMap((s) => s.warnings)), ...metricsWarnings(metrics, [...history])])];
  if (opts.groups) for (const id of opts.groups) if (!signals.groups.some((g) => g.groupId === id)) warnings.push(`group ${id} not found`);

  return {
    takenAt: new Date(latest.takenAt).toISOString(),
    windowSeconds: Math.round(signals.windowSeconds * 10) / 10,
    samples: signals.samples,
    cluster: {
      clusterId: latest.clusterId,
      brokers: latest.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, logDirs: b.logDirs ?? null })),
      controllerId: latest.controllerId,
      kraft: latest.kraft,
      controller: latest.controller
        ? {
            activeId: latest.controller.activeId,
            epoch: latest.controller.epoch,
            changes: signals.cluster.controllerChanges,
            voters: latest.controller.voters.map((r) => ({ id: r.id, lagRecords: r.lagRecords })),
            observers: latest.controller.observers.map((r) => ({ id: r.id, lagRecords: r.lagRecords })),
          }
        : null,
      fencedBrokers: signals.cluster.fencedBrokerIds,
    },
    topics: topics.map((t) => bundleTopic(t, configsOf.get(t.name) ?? {})),
    groups: groups.map((g) => bundleGroup(g, protocolOf.get(g.groupId))),
    diagnosis,
    severity: { proposed: severity.level, reasons: severity.reasons.map((r) => r.text) },
    metrics,
    warnings,
  };
}

const cell = (v: number | string | null | boolean) => (v === null ? "–" : String(v));

const lsoNote = (p: { logEndOffset: number | null; lastStableOffset: number | null }) =>
  p.lastStableOffset !== null && p.logEndOffset !== null && p.lastStableOffset < p.logEndOffset ? ` (LSO ${p.lastStableOffset}: open transaction)` : "";

const logDirCell = (d: LogDirSnapshot) =>
  `${d.path}: ${formatBytes(d.usedBytes)} / ${d.usableBytes === null ? "?" : formatBytes(d.usableBytes)} / ${d.totalBytes === null ? "?" : formatBytes(d.totalBytes)}${d.error ? ` (${d.error})` : ""}`;

function controllerLine(c: EvidenceBundle["cluster"]): string {
  if (c.controller && c.controller.activeId !== null) {
    const lagging = c.controller.voters.filter((v) => v.lagRecords > 0).map((v) => `${v.id} (${v.lagRecords} behind)`);
    return `KRaft; active controller ${c.controller.activeId} (epoch ${c.controller.epoch}, ${c.controller.changes} election(s) in the window), voters ${c.controller.voters.map((v) => v.id).join(", ")}${lagging.length ? `; lagging: ${lagging.join(", ")}` : ", all caught up"}`;
  }
  if (c.kraft) return `KRaft; the quorum did not answer, metadata names broker ${cell(c.controllerId)} (not necessarily the active controller)`;
  return `controller ${cell(c.controllerId)}`;
}

/** The bundle as Markdown (the CLI's default output). */
export function renderEvidenceMarkdown(b: EvidenceBundle): string {
  const lines: string[] = [];
  lines.push(`# Evidence bundle — ${b.takenAt}`, "");
  lines.push(`Window ${b.windowSeconds} s, ${b.samples} samples. Proposed severity: **${b.severity.proposed}**${b.severity.reasons.length ? ` (${b.severity.reasons.join("; ")})` : ""}.`, "");
  lines.push("## Cluster", "");
  lines.push(`Cluster id ${cell(b.cluster.clusterId)}; ${controllerLine(b.cluster)}.`, "");
  if (b.cluster.fencedBrokers.length) lines.push(`Fenced (registered, not serving): broker ${b.cluster.fencedBrokers.join(", ")}.`, "");
  lines.push("| Broker | Host | Port | Log dirs (used / usable / total) |", "|---:|---|---:|---|");
  for (const br of b.cluster.brokers) lines.push(`| ${br.nodeId} | ${br.host} | ${br.port} | ${br.logDirs === null ? "–" : br.logDirs.map(logDirCell).join("; ") || "none"} |`);
  lines.push("", "## Groups", "");
  if (b.groups.length === 0) lines.push("No consumer groups selected.");
  for (const g of b.groups) {
    lines.push(`### ${g.groupId}`, "");
    lines.push(`Status **${g.status}**. State ${g.state} (${g.protocol}), ${g.members} member(s), total lag ${g.totalLag}, time lag ${g.timeLagSeconds === null ? "unknown" : `${g.timeLagSeconds} s`}.`, "");
    lines.push("| Topic | Partition | Committed | High watermark | Lag | Consume/s |", "|---|---:|---:|---:|---:|---:|");
    for (const p of g.partitions) lines.push(`| ${p.topic} | ${p.partition} | ${cell(p.committedOffset)} | ${cell(p.logEndOffset)}${lsoNote(p)} | ${cell(p.lag)} | ${cell(p.consumeRatePerSec)} |`);
    lines.push("");
  }
  lines.push("## Topics", "");
  for (const t of b.topics) {
    const configs = Object.entries(t.configs).map(([k, v]) => `${k}=${v}`).join(", ");
    lines.push(`### ${t.name}`, "", configs ? `Configs: ${configs}` : "Configs: (not read)", "");
    lines.push("| Partition | Leader | Replicas | ISR | Log start | High watermark | Size | In/s |", "|---:|---:|---|---|---:|---:|---:|---:|");
    for (const p of t.partitions) {
      lines.push(`| ${p.partition} | ${p.offline ? "**offline**" : p.leader} | ${p.replicas.join(",")} | ${p.isr.join(",")} | ${cell(p.logStartOffset)} | ${cell(p.logEndOffset)}${lsoNote(p)} | ${p.sizeBytes === null ? "–" : formatBytes(p.sizeBytes)} | ${cell(p.inputRatePerSec)} |`);
    }
    lines.push("");
  }
  lines.push(...renderMetricsMarkdown(b.metrics));
  lines.push("## Diagnosis", "");
  if (b.diagnosis.length === 0) lines.push("No cause passes the worth-investigating threshold.");
  for (const d of b.diagnosis) {
    lines.push(`### ${d.scope.kind} ${d.scope.name}`, "");
    for (const c of d.causes) lines.push(`- **${c.id}** (score ${c.score}): ${c.reasons.join("; ")}`);
    for (const r of d.ruledOut) lines.push(`- ruled out ${r.id}: ${r.reasons.join("; ")}`);
    lines.push("");
  }
  if (b.warnings.length) {
    lines.push("", "## Warnings", "");
    for (const w of b.warnings) lines.push(`- ${w}`);
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function renderMetricsMarkdown(m: BundleMetrics): string[] {
  const lines = ["## Broker metrics", ""];
  if (m.source === "none") return [...lines, "Not visible: Ripcord reads broker metrics from Prometheus (set PROMETHEUS_URL; locally `npm run metrics:up`).", ""];
  lines.push(`From ${m.url}${m.at ? ` at ${m.at}` : ""}.${m.error ? ` **Unavailable now:** ${m.error}.` : ""}`, "");
  if (m.brokers.length) {
    lines.push("| Broker | Produce p99 ms | Fetch p99 ms | Queue p99 ms | Handler idle % | Network idle % | In B/s | Out B/s | Produce throttle ms |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const br of m.brokers) {
      lines.push(`| ${br.nodeId} | ${cell(br.produceP99Ms)} | ${cell(br.fetchP99Ms)} | ${cell(br.requestQueueP99Ms)} | ${cell(br.requestIdlePct)} | ${cell(br.networkIdlePct)} | ${cell(br.bytesInPerSec)} | ${cell(br.bytesOutPerSec)} | ${cell(br.produceThrottleMs)} |`);
    }
    lines.push("");
  }
  for (const x of m.notExported) lines.push(`- not exported: ${x.metric} (${x.note})`);
  if (m.notExported.length) lines.push("");
  return lines;
}
