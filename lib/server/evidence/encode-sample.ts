/**
 * Compact persisted form of a ClusterSnapshot (table EvidenceSample).
 *
 * A keyframe (written at the slow cadence) carries the whole snapshot. A delta row (fast
 * cadence) carries offsets and group state, with every offset written as the difference to
 * the same partition's value in its keyframe (quiet partitions become 0 and compress to
 * almost nothing); configs and members are left out when they equal the keyframe's, so the
 * slow-moving parts are stored at the slow cadence. Both are JSON arrays, gzip'd.
 *
 * Rule for an offset v with keyframe base b: null → null; b known → v − b; else v. The decoder
 * applies the inverse with the same keyframe, so the pair must always be decoded together.
 *
 * Kafka 4 fields ride at the end of their tuples and are absent from rows written before them
 * (decoded as absent): a partition's last stable offset as its distance below the high
 * watermark (0 without an open transaction) and its size as a delta like the offsets; a
 * broker's log dirs; a group's epochs and assignor; a member's epoch, target assignment and
 * instance id; the quorum, fenced brokers and quotas as they are.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import type { BrokerInfo, ClientQuotaSnapshot, ClusterSnapshot, ControllerQuorum, GroupMemberSnapshot, GroupSnapshot, LogDirSnapshot, PartitionSnapshot, TopicSnapshot } from "@/lib/domain/evidence/types";
import { compactReading, expandReading, type CompactReading } from "@/lib/domain/broker-metrics/compact";

type Num = number | null;
type EncPartition = [partition: number, leader: number, replicas: number[], isr: number[], offline: 0 | 1, start: Num, end: Num, lsoBelowEnd?: Num, size?: Num];
type EncMember = [memberId: string, clientId: string, host: string, assignment: Record<string, number[]>, epoch?: number | null, target?: Record<string, number[]> | null, instanceId?: string | null];
type EncTopic = [name: string, internal: 0 | 1, configs: Record<string, string> | null, partitions: EncPartition[]];
type EncGroup = [
  groupId: string,
  state: string,
  protocolType: string,
  protocol: string,
  members: EncMember[] | null,
  offsets: [string, number, Num][],
  groupEpoch?: number | null,
  assignmentEpoch?: number | null,
  assignor?: string | null,
];
type EncLogDir = [path: string, used: number, total: number | null, usable: number | null, error: string | null];
type EncBroker = [nodeId: number, host: string, port: number, rack: string | null, logDirs?: EncLogDir[] | null];

interface Encoded {
  v: 1;
  at: number;
  key: 0 | 1;
  c: string | null;
  b: EncBroker[];
  ctl: number | null;
  k: boolean | null;
  w: string[];
  rc: number | null;
  d: number | null;
  t: EncTopic[];
  g: EncGroup[];
  /** broker metrics (Prometheus) read with this sample; absent in rows written before them. */
  m?: CompactReading | null;
  /** the KRaft quorum (null: not read / ZooKeeper) */
  q?: ControllerQuorum | null;
  f?: BrokerInfo[];
  qt?: ClientQuotaSnapshot[];
}

const pkey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** Lookup tables of a keyframe, built once per keyframe and reused for every delta against it. */
export interface KeyframeIndex {
  snapshot: ClusterSnapshot;
  topics: Map<string, TopicSnapshot>;
  partitions: Map<string, { start: Num; end: Num; size: Num }>;
  groups: Map<string, GroupSnapshot>;
  committed: Map<string, Num>;
}

export function indexKeyframe(snapshot: ClusterSnapshot): KeyframeIndex {
  const partitions = new Map<string, { start: Num; end: Num; size: Num }>();
  for (const t of snapshot.topics) for (const p of t.partitions) partitions.set(pkey(t.name, p.partition), { start: p.logStartOffset, end: p.logEndOffset, size: p.sizeBytes ?? null });
  const committed = new Map<string, Num>();
  for (const g of snapshot.groups) for (const o of g.offsets) committed.set(`${g.groupId}\u0000${pkey(o.topic, o.partition)}`, o.committedOffset);
  return {
    snapshot,
    topics: new Map(snapshot.topics.map((t) => [t.name, t])),
    partitions,
    groups: new Map(snapshot.groups.map((g) => [g.groupId, g])),
    committed,
  };
}

const enc = (v: Num, base: Num | undefined): Num => (v === null ? null : base !== null && base !== undefined ? v - base : v);
const dec = (v: Num, base: Num | undefined): Num => (v === null ? null : base !== null && base !== undefined ? v + base : v);

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const encMembers = (members: GroupMemberSnapshot[]): EncMember[] =>
  members.map((m) =>
    m.memberEpoch === undefined && m.targetAssignment === undefined && m.instanceId === undefined
      ? [m.memberId, m.clientId, m.host, m.assignment]
      : [m.memberId, m.clientId, m.host, m.assignment, m.memberEpoch ?? null, m.targetAssignment ?? null, m.instanceId ?? null],
  );
const decMembers = (members: EncMember[]): GroupMemberSnapshot[] =>
  members.map(([memberId, clientId, host, assignment, memberEpoch, targetAssignment, instanceId]) => ({
    memberId,
    clientId,
    host,
    assignment,
    ...(memberEpoch !== undefined ? { memberEpoch, targetAssignment: targetAssignment ?? null, instanceId: instanceId ?? null } : {}),
  }));

const encLogDirs = (dirs: LogDirSnapshot[] | undefined): EncLogDir[] | null => (dirs ? dirs.map((d) => [d.path, d.usedBytes, d.totalBytes, d.usableBytes, d.error]) : null);
const decLogDirs = (dirs: EncLogDir[]): LogDirSnapshot[] => dirs.map(([path, usedBytes, totalBytes, usableBytes, error]) => ({ path, usedBytes, totalBytes, usableBytes, error }));

function encPartition(p: PartitionSnapshot, b: { start: Num; end: Num; size: Num } | undefined): EncPartition {
  const start = enc(p.logStartOffset, b?.start);
  const end = enc(p.logEndOffset, b?.end);
  if (p.lastStableOffset === undefined && p.sizeBytes === undefined) return [p.partition, p.leader, p.replicas, p.isr, p.offline ? 1 : 0, start, end];
  const lsoBelowEnd = p.lastStableOffset === null || p.lastStableOffset === undefined || p.logEndOffset === null ? null : p.logEndOffset - p.lastStableOffset;
  return [p.partition, p.leader, p.replicas, p.isr, p.offline ? 1 : 0, start, end, lsoBelowEnd, enc(p.sizeBytes ?? null, b?.size)];
}

/** Encodes `snapshot`; with `base` it is a delta against that keyframe, without it a keyframe. */
export function encodeSample(snapshot: ClusterSnapshot, base: KeyframeIndex | null): Buffer {
  const body: Encoded = {
    v: 1,
    at: snapshot.takenAt,
    key: base ? 0 : 1,
    c: snapshot.clusterId,
    b: snapshot.brokers.map((b): EncBroker => (b.logDirs ? [b.nodeId, b.host, b.port, b.rack ?? null, encLogDirs(b.logDirs)] : [b.nodeId, b.host, b.port, b.rack ?? null])),
    ctl: snapshot.controllerId,
    k: snapshot.kraft,
    w: snapshot.warnings,
    rc: snapshot.requestCount ?? null,
    d: snapshot.durationMs ?? null,
    m: snapshot.brokerMetrics ? compactReading(snapshot.brokerMetrics) : null,
    t: snapshot.topics.map((t) => {
      const baseTopic = base?.topics.get(t.name);
      const configs = baseTopic && sameJson(baseTopic.configs, t.configs) ? null : t.configs;
      return [
        t.name,
        t.internal ? 1 : 0,
        configs,
        t.partitions.map((p) => encPartition(p, base?.partitions.get(pkey(t.name, p.partition)))),
      ];
    }),
    g: snapshot.groups.map((g) => {
      const baseGroup = base?.groups.get(g.groupId);
      const members = baseGroup && sameJson(baseGroup.members, g.members) ? null : encMembers(g.members);
      const row: EncGroup = [
        g.groupId,
        g.state,
        g.protocolType,
        g.protocol,
        members,
        g.offsets.map((o): [string, number, Num] => [o.topic, o.partition, enc(o.committedOffset, base?.committed.get(`${g.groupId}\u0000${pkey(o.topic, o.partition)}`))]),
      ];
      if (g.groupEpoch !== undefined || g.assignmentEpoch !== undefined || g.assignor !== undefined) row.push(g.groupEpoch ?? null, g.assignmentEpoch ?? null, g.assignor ?? null);
      return row;
    }),
    ...(snapshot.controller !== undefined ? { q: snapshot.controller } : {}),
    ...(snapshot.fencedBrokers !== undefined ? { f: snapshot.fencedBrokers } : {}),
    ...(snapshot.quotas !== undefined ? { qt: snapshot.quotas } : {}),
  };
  return gzipSync(JSON.stringify(body), { level: 6 });
}

export function isKeyframePayload(payload: Uint8Array): boolean {
  return (JSON.parse(gunzipSync(payload).toString("utf8")) as Encoded).key === 1;
}

/** Decodes a payload; a delta needs the index of the keyframe it was encoded against. */
export function decodeSample(payload: Uint8Array, base: KeyframeIndex | null): ClusterSnapshot {
  const body = JSON.parse(gunzipSync(payload).toString("utf8")) as Encoded;
  if (body.v !== 1) throw new Error(`unknown evidence sample version ${String(body.v)}`);
  const b = body.key === 1 ? null : base;
  if (body.key === 0 && !b) throw new Error("a delta sample needs its keyframe to be decoded");
  return {
    takenAt: body.at,
    clusterId: body.c,
    brokers: body.b.map(([nodeId, host, port, rack, logDirs]) => ({ nodeId, host, port, rack, ...(logDirs ? { logDirs: decLogDirs(logDirs) } : {}) })),
    controllerId: body.ctl,
    kraft: body.k,
    warnings: body.w,
    ...(body.rc !== null ? { requestCount: body.rc } : {}),
    ...(body.d !== null ? { durationMs: body.d } : {}),
    ...(body.m ? { brokerMetrics: expandReading(body.m) } : {}),
    topics: body.t.map(([name, internal, configs, partitions]) => ({
      name,
      internal: internal === 1,
      configs: configs ?? b?.topics.get(name)?.configs ?? {},
      partitions: partitions.map(([partition, leader, replicas, isr, offline, start, end, lsoBelowEnd, size]) => {
        const bp = b?.partitions.get(pkey(name, partition));
        const logEndOffset = dec(end, bp?.end);
        const kafka4 =
          lsoBelowEnd !== undefined
            ? { lastStableOffset: lsoBelowEnd === null || logEndOffset === null ? null : logEndOffset - lsoBelowEnd, sizeBytes: dec(size ?? null, bp?.size) }
            : {};
        return { partition, leader, replicas, isr, offline: offline === 1, logStartOffset: dec(start, bp?.start), logEndOffset, ...kafka4 };
      }),
    })),
    groups: body.g.map(([groupId, state, protocolType, protocol, members, offsets, groupEpoch, assignmentEpoch, assignor]) => ({
      groupId,
      state,
      protocolType,
      protocol,
      members: members ? decMembers(members) : (b?.groups.get(groupId)?.members ?? []),
      offsets: offsets.map(([topic, partition, committed]) => ({
        topic,
        partition,
        committedOffset: dec(committed, b?.committed.get(`${groupId}\u0000${pkey(topic, partition)}`)),
      })),
      ...(groupEpoch !== undefined ? { groupEpoch, assignmentEpoch: assignmentEpoch ?? null, assignor: assignor ?? null } : {}),
    })),
    ...(body.q !== undefined ? { controller: body.q } : {}),
    ...(body.f !== undefined ? { fencedBrokers: body.f } : {}),
    ...(body.qt !== undefined ? { quotas: body.qt } : {}),
  };
}
