/**
 * A small builder of `ClusterSnapshot[]` histories for the domain tests, and the named scenario
 * fixtures the drills reproduce on a real broker. Tests iterate over `SCENARIOS`, so fixtures
 * captured from a real Kafka (lib/domain/__fixtures__/*.json, same ClusterSnapshot[] shape) can
 * be added to that table with the same expectations.
 */
import type { ClusterSnapshot, GroupMemberSnapshot, TopicSnapshot } from "@/lib/domain/evidence/types";

export const T0 = Date.UTC(2025, 0, 15, 9, 0, 0);

export interface TopicSpec {
  name: string;
  partitions: number;
  /** replica broker ids per partition (default: [1]). The first is the preferred leader. */
  replicas?: (p: number) => number[];
  configs?: (i: number) => Record<string, string>;
  /** records appended to partition p in the interval ending at sample i (i ≥ 1). */
  produce: (p: number, i: number) => number;
  initialEnd?: (p: number) => number;
  /** log start offset at sample i given the log end (default: 0, nothing deleted). */
  logStart?: (p: number, i: number, logEnd: number) => number;
  isr?: (p: number, i: number, replicas: number[]) => number[];
  leader?: (p: number, i: number, replicas: number[]) => number;
}

export interface MemberSpec {
  id: string;
  partitions: number[];
}

export interface GroupSpec {
  id: string;
  topic: string;
  protocol?: string;
  /** members at sample i (default: one member owning every partition). */
  members?: (i: number) => MemberSpec[];
  /** group state at sample i (default: Stable with members, Empty without). */
  state?: (i: number, memberCount: number) => string;
  /** records committed past on partition p in the interval ending at i; capped at the log end. */
  consume: (p: number, i: number) => number;
  /** committed offset at sample 0 (default: caught up). */
  initialCommitted?: (p: number, end: number) => number | null;
  /** an explicit committed offset at sample i overriding consume (used for rewinds). */
  override?: (p: number, i: number) => number | null | undefined;
}

export interface HistorySpec {
  samples: number;
  intervalMs?: number;
  startMs?: number;
  brokers?: (i: number) => number[];
  controller?: (i: number) => number;
  kraft?: boolean;
  topics: TopicSpec[];
  groups?: GroupSpec[];
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export function buildHistory(spec: HistorySpec): ClusterSnapshot[] {
  const interval = spec.intervalMs ?? 10_000;
  const start = spec.startMs ?? T0;
  const ends = new Map<string, number[]>();
  for (const t of spec.topics) ends.set(t.name, range(t.partitions).map((p) => t.initialEnd?.(p) ?? 1000));
  const committed = new Map<string, (number | null)[]>();
  for (const g of spec.groups ?? []) {
    const t = spec.topics.find((x) => x.name === g.topic);
    const e = ends.get(g.topic) ?? [];
    committed.set(g.id, range(t?.partitions ?? 0).map((p) => (g.initialCommitted ? g.initialCommitted(p, e[p] ?? 0) : (e[p] ?? 0))));
  }
  const out: ClusterSnapshot[] = [];
  for (const i of range(spec.samples)) {
    const brokerIds = spec.brokers?.(i) ?? [1];
    const topics: TopicSnapshot[] = spec.topics.map((t) => {
      const e = ends.get(t.name) ?? [];
      if (i > 0) for (const p of range(t.partitions)) e[p] = (e[p] ?? 0) + t.produce(p, i);
      return {
        name: t.name,
        internal: false,
        configs: t.configs?.(i) ?? { "retention.ms": "604800000", "cleanup.policy": "delete", "min.insync.replicas": "1" },
        partitions: range(t.partitions).map((p) => {
          const replicas = t.replicas?.(p) ?? [1];
          const end = e[p] ?? 0;
          const leader = t.leader?.(p, i, replicas) ?? replicas[0] ?? -1;
          return {
            partition: p,
            leader,
            replicas,
            isr: t.isr?.(p, i, replicas) ?? replicas,
            offline: leader < 0,
            logStartOffset: leader < 0 ? null : (t.logStart?.(p, i, end) ?? 0),
            logEndOffset: leader < 0 ? null : end,
          };
        }),
      };
    });
    const groups = (spec.groups ?? []).map((g) => {
      const t = spec.topics.find((x) => x.name === g.topic);
      const parts = range(t?.partitions ?? 0);
      const c = committed.get(g.id) ?? [];
      const e = ends.get(g.topic) ?? [];
      for (const p of parts) {
        const o = g.override?.(p, i);
        const cur = c[p] ?? null;
        if (o !== undefined) c[p] = o;
        else if (i > 0 && cur !== null) c[p] = Math.min(e[p] ?? 0, cur + g.consume(p, i));
      }
      const members: MemberSpec[] = g.members?.(i) ?? [{ id: `${g.id}-m1`, partitions: parts }];
      return {
        groupId: g.id,
        state: g.state?.(i, members.length) ?? (members.length > 0 ? "Stable" : "Empty"),
        protocolType: "consumer",
        protocol: g.protocol ?? "classic",
        members: members.map(
          (m): GroupMemberSnapshot => ({
            memberId: m.id,
            clientId: m.id.replace(/-[^-]*$/, ""),
            host: "/10.0.0.1",
            assignment: m.partitions.length > 0 ? { [g.topic]: m.partitions } : {},
          }),
        ),
        offsets: parts.map((p) => ({ topic: g.topic, partition: p, committedOffset: c[p] ?? null })),
      };
    });
    out.push({
      takenAt: start + i * interval,
      clusterId: "test-cluster",
      brokers: brokerIds.map((id) => ({ nodeId: id, host: `broker-${id}`, port: 9092 })),
      controllerId: spec.controller?.(i) ?? brokerIds[0] ?? null,
      kraft: spec.kraft ?? true,
      topics,
      groups,
      warnings: [],
    });
  }
  return out;
}
