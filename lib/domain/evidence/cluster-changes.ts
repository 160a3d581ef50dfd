/**
 * Cluster-level changes between consecutive snapshots: brokers leaving or joining, leader and
 * ISR movement, config diffs, plus the replication state of the newest snapshot.
 */
import type { ClusterSnapshot, TopicSnapshot } from "./types";
import type { ClusterSignals, ConfigChange, IsrChange, LeaderChange, PartitionRef } from "./signal-types";

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
    kraft: last?.kraft ?? null,
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
    if (prev.controllerId !== null && cur.controllerId !== null && prev.controllerId !== cur.controllerId) {
      out.controllerChanges++;
    }
    diffTopics(prev, cur, out.leaderChanges, out.isrShrinks, out.isrExpands, out.configChanges);
  }
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
