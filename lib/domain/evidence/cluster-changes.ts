/**
 * Cluster-level changes between consecutive snapshots: brokers leaving or joining, leader and
 * ISR movement, config diffs, plus the replication state of the newest snapshot.
 */
import type { ClusterSnapshot, TopicSnapshot } from "./types";
import type { ClusterSignals, ConfigChange, IsrChange, LeaderChange, LogDirSignals, PartitionRef } from "./signal-types";
import { slopePerSec } from "./series";

/** min.insync.replicas from topic configs; null when not reported (the broker default may differ from Kafka's 1). */
export function minIsrOf(topic: TopicSnapshot): number | null {
  const raw = topic.configs["min.insync.replicas"];
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

function sameSet(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

export function clusterSignals(history: ClusterSnapshot[]): ClusterSignals {
  const last = history[history.length - 1];
  const out: ClusterSignals = {
    brokerIds: last ? last.brokers.map((b) => b.nodeId).sort((a, b) => a - b) : [],
    brokersLeft: [],
    brokersJoined: [],
    controllerChanges: 0,
    controllerKnown: false,
    activeControllerId: null,
    kraft: last?.kraft ?? null,
    fencedBrokerIds: (last?.fencedBrokers ?? []).map((b) => b.nodeId).sort((a, b) => a - b),
    logDirs: logDirSignals(history),
    quotas: last?.quotas ?? null,
    leaderChanges: [],
    isrShrinks: [],
    isrExpands: [],
    offlinePartitions: [],
    underReplicated: [],
    underMinIsr: [],
    configChanges: [],
  };
  for (let i = 1; i < history.length; i++) {
    const prev = history[i - 1];
    const cur = history[i];
    if (!prev || !cur) continue;
    diffBrokers(prev, cur, out);
    out.controllerChanges += controllerElections(prev, cur);
    diffTopics(prev, cur, out.leaderChanges, out.isrShrinks, out.isrExpands, out.configChanges);
  }
  out.controllerKnown = last ? controllerKnown(last) : false;
  out.activeControllerId = last ? activeController(last) : null;
  if (last) {
    for (const t of last.topics) {
      const minIsr = minIsrOf(t);
      for (const p of t.partitions) {
        const ref: PartitionRef = { topic: t.name, partition: p.partition };
        if (p.offline || p.leader < 0) out.offlinePartitions.push(ref);
        if (p.isr.length < p.replicas.length) out.underReplicated.push(ref);
        if (minIsr !== null && p.isr.length < minIsr) out.underMinIsr.push(ref);
      }
    }
  }
  return out;
}

/** The newest snapshot's log dirs, each with Kafka's net growth in it over the history. */
function logDirSignals(history: ClusterSnapshot[]): LogDirSignals[] {
  const last = history[history.length - 1];
  if (!last) return [];
  const out: LogDirSignals[] = [];
  for (const b of last.brokers) {
    for (const d of b.logDirs ?? []) {
      const points = history.map((s) => ({
        at: s.takenAt,
        value: s.brokers.find((x) => x.nodeId === b.nodeId)?.logDirs?.find((x) => x.path === d.path)?.usedBytes ?? null,
      }));
      const growth = slopePerSec(points);
      const volumeUsedFraction = d.totalBytes !== null && d.usableBytes !== null && d.totalBytes > 0 ? (d.totalBytes - d.usableBytes) / d.totalBytes : null;
      out.push({
        nodeId: b.nodeId,
        path: d.path,
        usedBytes: d.usedBytes,
        totalBytes: d.totalBytes,
        usableBytes: d.usableBytes,
        volumeUsedFraction,
        netGrowthBytesPerSec: growth,
        secondsToFull: growth !== null && growth > 0 && d.usableBytes !== null ? d.usableBytes / growth : null,
        error: d.error,
      });
    }
  }
  return out;
}

/** Where the snapshot says who the active controller is: the KRaft quorum, or metadata on ZooKeeper clusters. */
function controllerKnown(s: ClusterSnapshot): boolean {
  return s.controller ? s.controller.activeId !== null : s.kraft === false && s.controllerId !== null;
}

function activeController(s: ClusterSnapshot): number | null {
  if (s.controller) return s.controller.activeId;
  return s.kraft === false ? s.controllerId : null;
}

/**
 * Elections between two snapshots. KRaft: the metadata log's leader epoch counts every
 * election, even one that re-elected the same node or happened between samples. ZooKeeper:
 * the controller id moved. On KRaft without the quorum's answer metadata's controller id is a
 * random broker, so its moves count nothing.
 */
function controllerElections(prev: ClusterSnapshot, cur: ClusterSnapshot): number {
  if (prev.controller && cur.controller) return Math.max(0, cur.controller.epoch - prev.controller.epoch);
  if (prev.kraft === false && cur.kraft === false && prev.controllerId !== null && cur.controllerId !== null) return prev.controllerId !== cur.controllerId ? 1 : 0;
  return 0;
}

function diffBrokers(prev: ClusterSnapshot, cur: ClusterSnapshot, out: ClusterSignals): void {
  const now = new Set(cur.brokers.map((b) => b.nodeId));
  const before = new Set(prev.brokers.map((b) => b.nodeId));
  for (const b of prev.brokers) {
    if (!now.has(b.nodeId)) out.brokersLeft.push({ at: cur.takenAt, nodeId: b.nodeId, host: b.host });
  }
  for (const b of cur.brokers) {
    if (!before.has(b.nodeId)) out.brokersJoined.push({ at: cur.takenAt, nodeId: b.nodeId, host: b.host });
  }
}

function diffTopics(
  prev: ClusterSnapshot,
  cur: ClusterSnapshot,
  leaders: LeaderChange[],
  shrinks: IsrChange[],
  expands: IsrChange[],
  configs: ConfigChange[],
): void {
  const prevTopics = new Map(prev.topics.map((t) => [t.name, t]));
  for (const t of cur.topics) {
    const pt = prevTopics.get(t.name);
    if (!pt) continue; // a new topic is not a change of an existing one
    const keys = new Set([...Object.keys(pt.configs), ...Object.keys(t.configs)]);
    for (const key of [...keys].sort()) {
      const from = pt.configs[key] ?? null;
      const to = t.configs[key] ?? null;
      if (from !== to) configs.push({ at: cur.takenAt, topic: t.name, key, from, to });
    }
    const prevParts = new Map(pt.partitions.map((p) => [p.partition, p]));
    for (const p of t.partitions) {
      const pp = prevParts.get(p.partition);
      if (!pp) continue;
      const ref = { topic: t.name, partition: p.partition, at: cur.takenAt };
      if (pp.leader !== p.leader) leaders.push({ ...ref, from: pp.leader, to: p.leader });
      if (!sameSet(pp.isr, p.isr)) {
        const change = { ...ref, from: pp.isr, to: p.isr };
        if (p.isr.length < pp.isr.length) shrinks.push(change);
        else if (p.isr.length > pp.isr.length) expands.push(change);
      }
    }
  }
}
