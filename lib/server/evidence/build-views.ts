/**
 * Builds the Cluster API's views from a history (no I/O): the overview, a group's detail and a
 * topic's detail. Signals come from the domain's computeSignals over the last `windowMs` of
 * history, computed per group (its topics only) and per chunk of topics so the cost stays
 * linear in topics and groups.
 */
import { groupListingComplete } from "@/lib/domain/evidence/group-listing";
import { clusterSignals } from "@/lib/domain/evidence/cluster-changes";
import { computeSignals, type GroupSignals, type TopicSignals } from "@/lib/domain/evidence/signals";
import type { ClusterSnapshot, GroupMemberSnapshot, GroupSnapshot, OffsetTimePoint } from "@/lib/domain/evidence/types";
import type { ClusterOverview, GroupDetail, TopicDetail } from "@/lib/schemas/cluster";
import { groupSeries } from "./group-series";
import { topicSeries } from "./topic-series";
import { indexOf, projectHistory, topicsOfGroup } from "./project-history";
import { groupPartitionView, groupRow, topicRow } from "./views";

const TOPIC_CHUNK = 100;

export function windowOf(history: readonly ClusterSnapshot[], windowMs: number): ClusterSnapshot[] {
  const last = history[history.length - 1];
  if (!last) return [];
  return history.filter((s) => s.takenAt >= last.takenAt - windowMs);
}

function seedsFor(seeds: readonly OffsetTimePoint[], topics: readonly string[]): OffsetTimePoint[] {
  const wanted = new Set(topics);
  return seeds.filter((s) => wanted.has(s.topic));
}

/** A group's signals over the window; `older` (history before the window) places committed offsets in time, as the scope-evidence service does. */
export function groupSignalsOf(window: readonly ClusterSnapshot[], groupId: string, seeds: readonly OffsetTimePoint[], older: readonly ClusterSnapshot[] = []): GroupSignals | null {
  const topics = topicsOfGroup(window, groupId);
  const signals = computeSignals(projectHistory(window, topics, [groupId]), { seeds: seedsFor(seeds, topics), reachBack: projectHistory(older, topics, [groupId]) });
  return signals.groups.find((g) => g.groupId === groupId) ?? null;
}

/** The history before the window (what the window's signals reach back to). */
export function beforeWindow(history: readonly ClusterSnapshot[], windowMs: number): ClusterSnapshot[] {
  const last = history[history.length - 1];
  if (!last) return [];
  return history.filter((s) => s.takenAt < last.takenAt - windowMs);
}

function topicSignalsAll(window: readonly ClusterSnapshot[], names: readonly string[]): TopicSignals[] {
  const out: TopicSignals[] = [];
  for (let i = 0; i < names.length; i += TOPIC_CHUNK) {
    out.push(...computeSignals(projectHistory(window, names.slice(i, i + TOPIC_CHUNK), []), { includeInternal: true }).topics);
  }
  return out;
}

export type OverviewData = Omit<ClusterOverview, "sampler">;

export function emptyOverview(): OverviewData {
  return {
    snapshot: null,
    totals: { brokers: 0, topics: 0, partitions: 0, offline: 0, underReplicated: 0, underMinIsr: 0, groups: 0, groupsAtRisk: 0 },
    changes: { brokersLeft: [], leaderChanges: 0, controllerChanges: null, isrShrinks: 0, isrExpands: 0, configChanges: [] },
    topics: [],
    groups: [],
  };
}

const STATUS_RANK = ["error", "stopped", "stalled", "rewound", "rebalancing", "lagging", "unknown", "ok"];

export function buildOverview(history: readonly ClusterSnapshot[], seeds: readonly OffsetTimePoint[], windowMs: number): OverviewData {
  const window = windowOf(history, windowMs);
  const older = beforeWindow(history, windowMs);
  const last = window[window.length - 1];
  if (!last) return emptyOverview();
  const topicNames = last.topics.filter((t) => !t.internal).map((t) => t.name);
  const lastIndex = indexOf(last);
  const topics = topicSignalsAll(window, topicNames).map((t) => topicRow(t, lastIndex.topics.get(t.name)));
  // Kafka's newest list: a deleted group drops off at once instead of lingering from older
  // samples of the window (with lag 0 and a stale status). Only when that list is incomplete (a
  // broker did not list or describe its groups) do the window's groups stand in for it.
  const groupIds = (groupListingComplete(last.warnings) ? last.groups.map((g) => g.groupId) : [...new Set(window.flatMap((s) => s.groups.map((g) => g.groupId)))]).sort();
  const groups = groupIds
    .map((id) => groupSignalsOf(window, id, seeds, older))
    .filter((g): g is GroupSignals => g !== null)
    .map(groupRow)
    .sort((a, b) => STATUS_RANK.indexOf(a.status) - STATUS_RANK.indexOf(b.status) || b.totalLag - a.totalLag || (a.groupId < b.groupId ? -1 : 1));
  const changes = clusterSignals(window);
  const dirTrends = new Map(changes.logDirs.map((d) => [`${d.nodeId}\0${d.path}`, d]));
  return {
    snapshot: {
      takenAt: last.takenAt,
      clusterId: last.clusterId,
      kraft: last.kraft,
      controllerId: last.controllerId,
      controller: last.controller ?? null,
      brokers: last.brokers.map((b) => ({
        nodeId: b.nodeId,
        host: b.host,
        port: b.port,
        rack: b.rack ?? null,
        logDirs: b.logDirs
          ? b.logDirs.map((d) => {
              const trend = dirTrends.get(`${b.nodeId}\0${d.path}`);
              return { ...d, netGrowthBytesPerSec: trend?.netGrowthBytesPerSec ?? null, secondsToFull: trend?.secondsToFull ?? null };
            })
          : null,
      })),
      fencedBrokers: (last.fencedBrokers ?? []).map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port })),
      quotas: last.quotas ? last.quotas.map((q) => ({ entity: q.entity.map((e) => `${e.type} ${e.name ?? "(default)"}`).join(", "), values: q.values })) : null,
      warnings: last.warnings.slice(0, 50),
      requestCount: last.requestCount ?? null,
      durationMs: last.durationMs ?? null,
    },
    totals: {
      brokers: last.brokers.length,
      topics: topics.length,
      partitions: topics.reduce((n, t) => n + t.partitions, 0),
      offline: topics.reduce((n, t) => n + t.offline, 0),
      underReplicated: topics.reduce((n, t) => n + t.underReplicated, 0),
      underMinIsr: topics.reduce((n, t) => n + t.underMinIsr, 0),
      groups: groups.length,
      groupsAtRisk: groups.filter((g) => g.retention.kind === "lost" || g.retention.kind === "expires-before-drain").length,
    },
    changes: {
      brokersLeft: changes.brokersLeft,
      leaderChanges: changes.leaderChanges.length,
      controllerChanges: changes.controllerKnown ? changes.controllerChanges : null,
      isrShrinks: changes.isrShrinks.length,
      isrExpands: changes.isrExpands.length,
      configChanges: changes.configChanges.slice(-50),
    },
    topics: topics.sort((a, b) => b.offline - a.offline || b.underMinIsr - a.underMinIsr || b.underReplicated - a.underReplicated || (a.name < b.name ? -1 : 1)),
    groups,
  };
}

export type GroupDetailData = Omit<GroupDetail, "sampler">;

/** A consumer-protocol member whose assignment is not yet its target (KIP-848 reconciliation). */
function reconciling(m: GroupMemberSnapshot): boolean {
  if (!m.targetAssignment) return false;
  const norm = (a: Record<string, number[]>) => JSON.stringify(Object.entries(a).filter(([, ps]) => ps.length > 0).map(([t, ps]) => [t, [...ps].sort((x, y) => x - y)]).sort());
  return norm(m.assignment) !== norm(m.targetAssignment);
}

/** null when the group appears nowhere in the window. `seriesHistory` may reach further back than the window. */
export function buildGroupDetail(
  history: readonly ClusterSnapshot[],
  seriesHistory: readonly ClusterSnapshot[],
  groupId: string,
  seeds: readonly OffsetTimePoint[],
  windowMs: number,
): GroupDetailData | null {
  const window = windowOf(history, windowMs);
  const signals = groupSignalsOf(window, groupId, seeds, beforeWindow(history, windowMs));
  if (!signals) return null;
  return groupDetailFrom(signals, indexOf(window[window.length - 1]!).groups.get(groupId), seriesHistory, seeds);
}

/** The group page's view of a group's signals (the scope-evidence service's, or buildGroupDetail's). */
export function groupDetailFrom(signals: GroupSignals, latestGroup: GroupSnapshot | undefined, seriesHistory: readonly ClusterSnapshot[], seeds: readonly OffsetTimePoint[]): GroupDetailData {
  const groupId = signals.groupId;
  const row = groupRow(signals);
  return {
    takenAt: seriesHistory[seriesHistory.length - 1]?.takenAt ?? null,
    group: {
      ...row,
      idleMembers: signals.idleMembers,
      assignmentKnown: signals.assignmentKnown,
      lagStartedAt: signals.lagStartedAt,
      churn: {
        stateTransitions: signals.churn.stateTransitions,
        rebalancingSamples: signals.churn.rebalancingSamples,
        membersJoined: signals.churn.membersJoined,
        membersLeft: signals.churn.membersLeft,
        epochBumps: signals.churn.epochBumps,
      },
      memberList: (latestGroup?.members ?? []).map((m) => ({
        memberId: m.memberId,
        clientId: m.clientId,
        host: m.host,
        partitions: Object.values(m.assignment).reduce((n, ps) => n + ps.length, 0),
        memberEpoch: m.memberEpoch ?? null,
        reconciling: reconciling(m),
      })),
    },
    partitions: signals.partitions.map(groupPartitionView),
    series: groupSeries(projectHistory(seriesHistory, topicsOfGroup(seriesHistory, groupId), [groupId]), groupId, seedsFor(seeds, signals.topics)),
  };
}

export type TopicDetailData = Omit<TopicDetail, "sampler">;

export function buildTopicDetail(history: readonly ClusterSnapshot[], topic: string, seeds: readonly OffsetTimePoint[], windowMs: number): TopicDetailData | null {
  const window = windowOf(history, windowMs);
  const last = window[window.length - 1];
  const raw = last ? indexOf(last).topics.get(topic) : undefined;
  if (!last || !raw) return null;
  const readers = last.groups.filter((g) => g.offsets.some((o) => o.topic === topic)).map((g) => g.groupId);
  const [t] = computeSignals(projectHistory(window, [topic], []), { includeInternal: true }).topics;
  if (!t) return null;
  const older = beforeWindow(history, windowMs);
  const groups = readers
    .map((id) => groupSignalsOf(window, id, seeds, older))
    .filter((g): g is GroupSignals => g !== null)
    .map((g) => {
      const own = g.partitions.filter((p) => p.topic === topic);
      const times = own.map((p) => p.timeLagSeconds).filter((x): x is number => x !== null);
      return { groupId: g.groupId, status: g.status, lag: own.reduce((n, p) => n + (p.lag ?? 0), 0), maxTimeLagSeconds: times.length ? Math.max(...times) : null };
    });
  const series = topicSeries(window, topic);
  return {
    takenAt: last.takenAt,
    topic: { ...topicRow(t, raw), configs: raw.configs },
    partitions: t.partitions.map((p) => ({
      partition: p.partition,
      leader: p.leader,
      replicas: p.replicas,
      isr: p.isr,
      offline: p.offline,
      underReplicated: p.underReplicated,
      underMinIsr: p.underMinIsr,
      logStartOffset: p.logStartOffset,
      logEndOffset: p.logEndOffset,
      lastStableOffset: p.lastStableOffset,
      sizeBytes: p.sizeBytes,
      inputRatePerSec: p.inputRatePerSec,
      inputShare: p.inputShare,
    })),
    groups,
    series,
  };
}
