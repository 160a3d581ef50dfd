/**
 * The evidence bundle (contracts.md §3): snapshot history → one JSON document. Pure: no I/O,
 * reused by the evidence CLI and by the server.
 *
 * Rates are measured between the first and the last snapshot of the history in which the
 * offset is known: (offset_last − offset_first) / seconds between them. null when fewer than two
 * readings exist. Time lag uses offsets-by-timestamp points (see timeLagSeconds below) and falls
 * back to lag / input rate.
 */
import type { ClusterSnapshot, GroupSnapshot, OffsetTimePoint, TopicSnapshot } from "./types";

export type Sev = "SEV1" | "SEV2" | "SEV3" | "SEV4";

export interface BundlePartition {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offline: boolean;
  logStartOffset: number | null;
  logEndOffset: number | null;
  inputRatePerSec: number | null;
}
export interface BundleTopic { name: string; configs: Record<string, string>; partitions: BundlePartition[] }
export interface BundleGroupPartition {
  topic: string;
  partition: number;
  committedOffset: number | null;
  logEndOffset: number | null;
  lag: number | null;
  consumeRatePerSec: number | null;
}
export interface BundleGroup {
  groupId: string;
  state: string;
  protocol: string;
  /** Number of members. */
  members: number;
  totalLag: number;
  /** How far behind in time the slowest partition is (seconds); 0 when caught up, null when unknown. */
  timeLagSeconds: number | null;
  partitions: BundleGroupPartition[];
}
export interface DiagnosisEntry {
  scope: string;
  causes: { id: string; score: number; reasons: string[] }[];
  ruledOut: { id: string; reasons: string[] }[];
}
export interface EvidenceBundle {
  takenAt: string;
  windowSeconds: number;
  samples: number;
  cluster: {
    clusterId: string | null;
    brokers: { nodeId: number; host: string; port: number }[];
    /** On KRaft just the broker the metadata names, not the active controller. */
    controllerId: number | null;
    kraft: boolean | null;
  };
  topics: BundleTopic[];
  groups: BundleGroup[];
  diagnosis: DiagnosisEntry[];
  severity: { proposed: Sev; reasons: string[] };
  warnings: string[];
}

export interface BundleOptions {
  /** Only these groups (default: all). */
  groups?: string[];
  /** Only these topics, plus the topics the selected groups consume (default: all). */
  topics?: string[];
  /** Offsets-by-timestamp points for time lag (gateway.sampleOffsetTimes). */
  timePoints?: OffsetTimePoint[];
}

type Reading = { at: number; value: number };

/** Per-second rate between the first and the last reading; null with fewer than two. */
export function ratePerSec(readings: Reading[]): number | null {
  if (readings.length < 2) return null;
  const first = readings[0]!;
  const last = readings[readings.length - 1]!;
  const seconds = (last.at - first.at) / 1000;
  if (seconds <= 0) return null;
  return Math.max(0, Math.round(((last.value - first.value) / seconds) * 1000) / 1000);
}

const key = (topic: string, partition: number) => `${topic}\0${partition}`;

function readingsOf<T>(history: ClusterSnapshot[], pick: (s: ClusterSnapshot) => T | undefined, value: (x: T) => number | null): Reading[] {
  const out: Reading[] = [];
  for (const snapshot of history) {
    const item = pick(snapshot);
    const v = item === undefined ? null : value(item);
    if (v !== null) out.push({ at: snapshot.takenAt, value: v });
  }
  return out;
}

/**
 * Produce time of the record at `offset`, interpolated between (offset, timestamp) points and
 * the partition's end at `now`. When the offset is older than every point, the oldest point's
 * time is returned (so the time lag is a lower bound).
 */
export function produceTimeOf(offset: number, points: OffsetTimePoint[], logEnd: number, now: number): number | null {
  const sorted = [...points].sort((a, b) => a.offset - b.offset);
  if (logEnd > offset) sorted.push({ topic: "", partition: 0, offset: logEnd, timestampMs: now });
  if (sorted.length === 0) return null;
  if (offset <= sorted[0]!.offset) return sorted[0]!.timestampMs;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (offset <= b.offset) {
      const span = b.offset - a.offset;
      return span <= 0 ? b.timestampMs : a.timestampMs + ((offset - a.offset) / span) * (b.timestampMs - a.timestampMs);
    }
  }
  return now;
}

function timeLagSeconds(partitions: BundleGroupPartition[], points: Map<string, OffsetTimePoint[]>, inputRates: Map<string, number | null>, now: number): number | null {
  let worst: number | null = 0;
  for (const p of partitions) {
    if (p.lag === null) continue;
    if (p.lag <= 0 || p.committedOffset === null || p.logEndOffset === null) continue;
    const pts = points.get(key(p.topic, p.partition)) ?? [];
    let seconds: number | null = null;
    if (pts.length > 0) {
      const ts = produceTimeOf(p.committedOffset, pts, p.logEndOffset, now);
      if (ts !== null) seconds = Math.max(0, (now - ts) / 1000);
    }
    if (seconds === null) {
      const rate = inputRates.get(key(p.topic, p.partition));
      if (rate) seconds = p.lag / rate;
    }
    if (seconds === null) return null;
    worst = Math.max(worst ?? 0, Math.round(seconds * 10) / 10);
  }
  return worst;
}

function bundleTopic(topic: TopicSnapshot, history: ClusterSnapshot[], rates: Map<string, number | null>): BundleTopic {
  return {
    name: topic.name,
    configs: { ...topic.configs },
    partitions: topic.partitions.map((p) => {
      const rate = ratePerSec(
        readingsOf(history, (s) => s.topics.find((t) => t.name === topic.name)?.partitions.find((q) => q.partition === p.partition), (q) => q.logEndOffset),
      );
      rates.set(key(topic.name, p.partition), rate);
      return { partition: p.partition, leader: p.leader, replicas: p.replicas, isr: p.isr, offline: p.offline, logStartOffset: p.logStartOffset, logEndOffset: p.logEndOffset, inputRatePerSec: rate };
    }),
  };
}

function bundleGroup(group: GroupSnapshot, history: ClusterSnapshot[], ends: Map<string, number | null>): Omit<BundleGroup, "timeLagSeconds"> {
  const partitions = group.offsets.map((o) => {
    const logEndOffset = ends.get(key(o.topic, o.partition)) ?? null;
    const lag = o.committedOffset !== null && logEndOffset !== null ? Math.max(0, logEndOffset - o.committedOffset) : null;
    const consumeRatePerSec = ratePerSec(
      readingsOf(history, (s) => s.groups.find((g) => g.groupId === group.groupId)?.offsets.find((q) => q.topic === o.topic && q.partition === o.partition), (q) => q.committedOffset),
    );
    return { topic: o.topic, partition: o.partition, committedOffset: o.committedOffset, logEndOffset, lag, consumeRatePerSec };
  });
  const totalLag = partitions.reduce((sum, p) => sum + (p.lag ?? 0), 0);
  return { groupId: group.groupId, state: group.state, protocol: group.protocol, members: group.members.length, totalLag, partitions };
}

/** Builds the bundle from snapshots in time order (the last one is "now"). */
export function buildEvidenceBundle(history: ClusterSnapshot[], opts: BundleOptions = {}): EvidenceBundle {
  const latest = history[history.length - 1];
  if (!latest) throw new Error("buildEvidenceBundle needs at least one snapshot");
  const first = history[0]!;
  const groups = opts.groups ? latest.groups.filter((g) => opts.groups!.includes(g.groupId)) : latest.groups;
  const topicNames = opts.topics ? new Set([...opts.topics, ...groups.flatMap((g) => g.offsets.map((o) => o.topic))]) : null;
  const selectedGroups = opts.topics && !opts.groups ? groups.filter((g) => g.offsets.some((o) => opts.topics!.includes(o.topic))) : groups;

  const inputRates = new Map<string, number | null>();
  const topics = latest.topics.filter((t) => !topicNames || topicNames.has(t.name)).map((t) => bundleTopic(t, history, inputRates));
  const ends = new Map<string, number | null>();
  for (const t of latest.topics) for (const p of t.partitions) ends.set(key(t.name, p.partition), p.logEndOffset);
  const points = new Map<string, OffsetTimePoint[]>();
  for (const p of opts.timePoints ?? []) points.set(key(p.topic, p.partition), [...(points.get(key(p.topic, p.partition)) ?? []), p]);

  const bundleGroups = selectedGroups.map((g) => {
    const base = bundleGroup(g, history, ends);
    return { ...base, timeLagSeconds: timeLagSeconds(base.partitions, points, inputRates, latest.takenAt) };
  });
  const warnings = [...new Set(history.flatMap((s) => s.warnings))];
  if (opts.groups) for (const id of opts.groups) if (!groups.some((g) => g.groupId === id)) warnings.push(`group ${id} not found`);

  return {
    takenAt: new Date(latest.takenAt).toISOString(),
    windowSeconds: Math.round((latest.takenAt - first.takenAt) / 100) / 10,
    samples: history.length,
    cluster: {
      clusterId: latest.clusterId,
      brokers: latest.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port })),
      controllerId: latest.controllerId,
      kraft: latest.kraft,
    },
    topics,
    groups: bundleGroups,
    // TODO(integrator): wire lib/domain/diagnosis/rank.ts and lib/domain/severity/propose.ts.
    diagnosis: [],
    severity: { proposed: "SEV4", reasons: [] },
    warnings,
  };
}

const cell = (v: number | string | null | boolean) => (v === null ? "–" : String(v));

/** The bundle as Markdown (the CLI's default output). */
export function renderEvidenceMarkdown(b: EvidenceBundle): string {
  const lines: string[] = [];
  lines.push(`# Evidence bundle — ${b.takenAt}`, "");
  lines.push(`Window ${b.windowSeconds} s, ${b.samples} samples. Proposed severity: **${b.severity.proposed}**${b.severity.reasons.length ? ` (${b.severity.reasons.join("; ")})` : ""}.`, "");
  lines.push("## Cluster", "");
  lines.push(`Cluster id ${cell(b.cluster.clusterId)}; ${b.cluster.kraft ? "KRaft; metadata names broker" : "controller"} ${cell(b.cluster.controllerId)}${b.cluster.kraft ? " (not necessarily the active controller)" : ""}.`, "");
  lines.push("| Broker | Host | Port |", "|---:|---|---:|");
  for (const br of b.cluster.brokers) lines.push(`| ${br.nodeId} | ${br.host} | ${br.port} |`);
  lines.push("", "## Groups", "");
  if (b.groups.length === 0) lines.push("No consumer groups selected.");
  for (const g of b.groups) {
    lines.push(`### ${g.groupId}`, "");
    lines.push(`State ${g.state} (${g.protocol}), ${g.members} member(s), total lag ${g.totalLag}, time lag ${g.timeLagSeconds === null ? "unknown" : `${g.timeLagSeconds} s`}.`, "");
    lines.push("| Topic | Partition | Committed | Log end | Lag | Consume/s |", "|---|---:|---:|---:|---:|---:|");
    for (const p of g.partitions) lines.push(`| ${p.topic} | ${p.partition} | ${cell(p.committedOffset)} | ${cell(p.logEndOffset)} | ${cell(p.lag)} | ${cell(p.consumeRatePerSec)} |`);
    lines.push("");
  }
  lines.push("## Topics", "");
  for (const t of b.topics) {
    const configs = Object.entries(t.configs).map(([k, v]) => `${k}=${v}`).join(", ");
    lines.push(`### ${t.name}`, "", configs ? `Configs: ${configs}` : "Configs: (not read)", "");
    lines.push("| Partition | Leader | Replicas | ISR | Log start | Log end | In/s |", "|---:|---:|---|---|---:|---:|---:|");
    for (const p of t.partitions) {
      lines.push(`| ${p.partition} | ${p.offline ? "**offline**" : p.leader} | ${p.replicas.join(",")} | ${p.isr.join(",")} | ${cell(p.logStartOffset)} | ${cell(p.logEndOffset)} | ${cell(p.inputRatePerSec)} |`);
    }
    lines.push("");
  }
  lines.push("## Diagnosis", "");
  if (b.diagnosis.length === 0) lines.push("No cause passes the worth-investigating threshold.");
  for (const d of b.diagnosis) {
    lines.push(`### ${d.scope}`, "");
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
