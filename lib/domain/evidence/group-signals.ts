/**
 * Per consumer group signals: lag, rates, time lag, retention risk, churn and status.
 */
import type { ClusterSnapshot, GroupSnapshot, OffsetTimePoint, PartitionSnapshot } from "./types";
import type {
  GroupChurn,
  GroupPartitionSignals,
  GroupSignals,
  RetentionRisk,
  TopicSignals,
} from "./signal-types";
import { baselineAndRecent, counterRate, slopePerSec, sumOrNull, timeLag, type OffsetTime, type Point } from "./series";
import { REBALANCING_STATES, groupStatus, partitionStatus } from "./group-status";
import { LAG_NOISE_SECONDS } from "./noise";
import { committedIn, groupIn, partitionIn } from "./snapshot-index";

export interface GroupContext {
  history: ClusterSnapshot[];
  /** older snapshots before `history` (oldest first): log-end points for time lag, lag for the lag start. */
  reachBack: ClusterSnapshot[];
  topics: Map<string, TopicSignals>;
  seeds: OffsetTimePoint[];
  stallFraction: number;
  /** rates use samples taken at or after this time (the rate window). */
  rateFrom: number;
}

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;


/** Lag with the documented choice: no committed offset → count from the log start offset. */
export function lagOf(committed: number | null, p: Pick<PartitionSnapshot, "logStartOffset" | "logEndOffset"> | undefined): {
  lag: number | null;
  fromLogStart: boolean;
} {
  const end = p?.logEndOffset ?? null;
  if (end === null) return { lag: null, fromLogStart: false };
  if (committed !== null) return { lag: Math.max(0, end - committed), fromLogStart: false };
  const start = p?.logStartOffset ?? null;
  return start === null ? { lag: null, fromLogStart: false } : { lag: Math.max(0, end - start), fromLogStart: true };
}

function churnOf(series: (GroupSnapshot | undefined)[], takenAt: number[]): GroupChurn {
  const churn: GroupChurn = { stateTransitions: [], rebalancingSamples: 0, membersJoined: 0, membersLeft: 0, memberSetChanges: 0, epochBumps: null };
  for (let i = 0; i < series.length; i++) {
    const cur = series[i];
    if (cur && REBALANCING_STATES.has(cur.state)) churn.rebalancingSamples++;
    if (i === 0) continue;
    const prev = series[i - 1];
    // A group missing from a snapshot was not listed: Kafka reports such groups as Dead.
    const from = prev?.state ?? "Dead";
    const to = cur?.state ?? "Dead";
    if (from !== to) churn.stateTransitions.push({ at: takenAt[i] ?? 0, from, to });
    const before = new Set(prev?.members.map((m) => m.memberId) ?? []);
    const after = new Set(cur?.members.map((m) => m.memberId) ?? []);
    const joined = [...after].filter((m) => !before.has(m)).length;
    const left = [...before].filter((m) => !after.has(m)).length;
    churn.membersJoined += joined;
    churn.membersLeft += left;
    if (joined + left > 0) churn.memberSetChanges++;
    const e0 = prev?.groupEpoch;
    const e1 = cur?.groupEpoch;
    if (typeof e0 === "number" && typeof e1 === "number") churn.epochBumps = (churn.epochBumps ?? 0) + Math.max(0, e1 - e0);
  }
  return churn;
}

/**
 * When retention deletes the oldest unread record, against the drain. Two deadlines, the sooner
 * wins: by time (retention.ms minus the oldest unread record's age) and by size (with
 * retention.bytes, the log start advances as the partition fills: the gap between it and the
 * committed offset closes at the deletion rate minus the consume rate, both observed over the
 * window).
 */
function retentionRisk(
  topic: TopicSignals | undefined,
  committed: number | null,
  logStart: number | null,
  lag: number | null,
  timeLagSeconds: number | null,
  secondsToDrain: number | null,
  consume: number | null,
  input: number | null,
  deletionRatePerSec: number | null,
): RetentionRisk {
  if (committed !== null && logStart !== null && committed < logStart) {
    return { kind: "lost", recordsLost: logStart - committed };
  }
  if (!topic || !topic.deletesByTime) return { kind: "none", why: "compact-only topic: no time or size deletion" };
  if (lag === 0) return { kind: "none", why: "caught up" };
  // By size: observed deletion outrunning consumption closes the gap to the oldest unread record.
  let bySize: number | null = null;
  if (topic.retentionBytes !== null && committed !== null && logStart !== null && deletionRatePerSec !== null && deletionRatePerSec > 0) {
    const closing = deletionRatePerSec - (consume ?? 0);
    if (closing > 0) bySize = Math.max(0, committed - logStart) / closing;
  }
  const sized = (risk: RetentionRisk): RetentionRisk => {
    if (bySize === null) return risk;
    const drain = secondsToDrain;
    const current = risk.kind === "expires-before-drain" || risk.kind === "safe" ? risk.secondsUntilExpiry : Number.POSITIVE_INFINITY;
    if (bySize >= current) return risk;
    return drain !== null && drain <= bySize ? { kind: "safe", secondsUntilExpiry: bySize, secondsToDrain: drain, by: "size" } : { kind: "expires-before-drain", secondsUntilExpiry: bySize, secondsToDrain: drain, by: "size" };
  };
  if (topic.retentionMs === null || topic.retentionMs < 0) return sized({ kind: "none", why: "infinite or unknown retention.ms" });
  if (lag === null || timeLagSeconds === null) return bySize !== null ? sized({ kind: "none", why: "" }) : { kind: "unknown", why: "time lag unknown" };
  // Kafka deletes whole segments, so real deletion can come later than this: a safe-side estimate.
  const headroom = Math.max(0, topic.retentionMs / 1000 - timeLagSeconds);
  if (secondsToDrain !== null) {
    return sized(
      secondsToDrain > headroom
        ? { kind: "expires-before-drain", secondsUntilExpiry: headroom, secondsToDrain, by: "time" }
        : { kind: "safe", secondsUntilExpiry: headroom, secondsToDrain, by: "time" },
    );
  }
  // Not draining: the oldest unread record ages by (1 − consume/input) seconds per second, so a
  // consumer keeping pace holds its time lag steady and never reaches the deadline.
  const ageGrowth = consume !== null && input !== null && input > 0 ? Math.max(0, 1 - consume / input) : 1;
  if (ageGrowth === 0 && headroom > 0) return sized({ kind: "safe", secondsUntilExpiry: headroom, secondsToDrain: null, by: "time" });
  return sized({ kind: "expires-before-drain", secondsUntilExpiry: ageGrowth > 0 ? headroom / ageGrowth : 0, secondsToDrain: null, by: "time" });
}

function drainSeconds(lag: number | null, consume: number | null, input: number | null): number | null {
  if (lag === 0) return 0;
  if (lag === null || consume === null || input === null) return null;
  const net = consume - input;
  return net > 0 ? lag / net : null;
}

const seedIndexes = new WeakMap<OffsetTimePoint[], Map<string, OffsetTimePoint[]>>();

/** The offsets-by-timestamp seeds of one partition (indexed once per seeds array). */
function seedsOf(seeds: OffsetTimePoint[], topic: string, partition: number): OffsetTimePoint[] {
  let index = seedIndexes.get(seeds);
  if (!index) {
    index = new Map();
    for (const s of seeds) {
      const k = key(s.topic, s.partition);
      const list = index.get(k);
      if (list) list.push(s);
      else index.set(k, [s]);
    }
    seedIndexes.set(seeds, index);
  }
  return index.get(key(topic, partition)) ?? [];
}

/** takenAt of every sample (from `from`) whose committed offset is above the previous sample's. */
function advancedAt(committed: (number | null)[], takenAt: number[], from: number): number[] {
  const out: number[] = [];
  for (let i = Math.max(1, from + 1); i < committed.length; i++) {
    const a = committed[i - 1];
    const b = committed[i];
    if (a !== null && a !== undefined && b !== null && b !== undefined && b > a) out.push(takenAt[i] ?? 0);
  }
  return out;
}

export function groupSignals(groupId: string, ctx: GroupContext): GroupSignals {
  const { history } = ctx;
  const takenAt = history.map((s) => s.takenAt);
  const series = history.map((s) => groupIn(s, groupId));
  let latest: GroupSnapshot | undefined;
  for (const g of series) if (g) latest = g;
  const firstSeen = Math.max(0, series.findIndex((g) => g !== undefined));
  const lastSnap = history[history.length - 1];
  const now = lastSnap?.takenAt ?? 0;
  const members = latest && series[series.length - 1] ? latest.members : [];
  const owner = new Map<string, string>();
  for (const m of members) {
    for (const [t, parts] of Object.entries(m.assignment)) for (const p of parts) owner.set(key(t, p), m.memberId);
  }
  const assignmentKnown = owner.size > 0;
  const refs = (latest?.offsets ?? []).map((o) => ({ topic: o.topic, partition: o.partition }));
  refs.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  const topicNames = [...new Set(refs.map((r) => r.topic))];

  const partitions: GroupPartitionSignals[] = [];
  const lagSeriesTotal: (number | null)[] = takenAt.map(() => 0);
  const committedTotal: (number | null)[] = takenAt.map(() => 0);
  for (const ref of refs) {
    const committed = series.map((g) => committedIn(g, ref.topic, ref.partition));
    const parts = history.map((s) => partitionIn(s, ref.topic, ref.partition));
    const lags = committed.map((c, i) => lagOf(c, parts[i]).lag);
    lags.forEach((l, i) => {
      const acc = lagSeriesTotal[i];
      lagSeriesTotal[i] = l === null || acc === null || acc === undefined ? null : acc + l;
    });
    committed.forEach((c, i) => {
      const acc = committedTotal[i];
      committedTotal[i] = c === null || acc === null || acc === undefined ? null : acc + c;
    });
    const p = parts[parts.length - 1];
    const c = committed[committed.length - 1] ?? null;
    const { lag, fromLogStart } = lagOf(c, p);
    const topic = ctx.topics.get(ref.topic);
    const inputRate = topic?.partitions.find((x) => x.partition === ref.partition)?.inputRatePerSec ?? null;
    const consumeRate = counterRate(
      committed.map((value, i) => ({ at: takenAt[i] ?? 0, value })).filter((pt) => pt.at >= ctx.rateFrom),
    );
    const table: OffsetTime[] = [];
    for (const s of ctx.reachBack) {
      const end = partitionIn(s, ref.topic, ref.partition)?.logEndOffset;
      if (end != null) table.push({ offset: end, at: s.takenAt, seeded: false });
    }
    parts.forEach((pp, i) => {
      if (pp?.logEndOffset != null) table.push({ offset: pp.logEndOffset, at: takenAt[i] ?? 0, seeded: false });
    });
    for (const s of seedsOf(ctx.seeds, ref.topic, ref.partition)) table.push({ offset: s.offset, at: s.timestampMs, seeded: true });
    const effective = c ?? (fromLogStart ? (p?.logStartOffset ?? null) : null);
    const tl = timeLag(effective, p?.logEndOffset ?? null, now, table);
    const secondsToDrain = drainSeconds(lag, consumeRate, inputRate);
    const owned = assignmentKnown ? owner.has(key(ref.topic, ref.partition)) : null;
    const neverCommitted = committed.every((x) => x === null);
    // Movement is judged from when the group first appears: a group that just appeared has a
    // short history, not a long frozen one.
    const st = partitionStatus({
      committed: committed.slice(firstSeen),
      neverCommitted,
      lags: lags.slice(firstSeen),
      takenAt: takenAt.slice(firstSeen),
      logStartOffset: p?.logStartOffset ?? null,
      owned,
      memberCount: members.length,
      stallFraction: ctx.stallFraction,
    });
    partitions.push({
      topic: ref.topic,
      partition: ref.partition,
      committedOffset: c,
      logStartOffset: p?.logStartOffset ?? null,
      logEndOffset: p?.logEndOffset ?? null,
      lastStableOffset: p?.lastStableOffset ?? null,
      lag,
      lagFromLogStart: fromLogStart,
      consumeRatePerSec: consumeRate,
      inputRatePerSec: inputRate,
      lagShare: null,
      timeLagSeconds: tl.seconds,
      timeLagEstimate: tl.estimate,
      committedUnchangedMs: st.frozen.unchangedMs,
      committedAdvancedAt: advancedAt(committed, takenAt, firstSeen),
      committedFrozen: st.frozen.frozen && !neverCommitted,
      neverCommitted,
      rewound: st.frozen.rewound,
      assignedTo: owner.get(key(ref.topic, ref.partition)) ?? null,
      retention: retentionRisk(
        topic, c, p?.logStartOffset ?? null, lag, tl.seconds, secondsToDrain, consumeRate, inputRate,
        counterRate(parts.map((pp, i) => ({ at: takenAt[i] ?? 0, value: pp?.logStartOffset ?? null })).filter((pt) => pt.at >= ctx.rateFrom)),
      ),
      secondsToDrain,
      status: st.status,
      statusReason: st.reason,
    });
  }

  const totalLag = partitions.reduce((s, p) => s + (p.lag ?? 0), 0);
  for (const p of partitions) p.lagShare = totalLag > 0 && p.lag !== null ? p.lag / totalLag : null;
  const lagPoints: Point[] = lagSeriesTotal.map((value, i) => ({ at: takenAt[i] ?? 0, value: series[i] ? value : null }));
  const consumeRate = sumOrNull(partitions.map((p) => p.consumeRatePerSec));
  const inputRate = sumOrNull(partitions.map((p) => p.inputRatePerSec));
  const { baseline, recent } = baselineAndRecent(committedTotal.map((value, i) => ({ at: takenAt[i] ?? 0, value })));
  const timeLags = partitions.map((p) => p.timeLagSeconds).filter((x): x is number => x !== null);
  const maxTimeLag = timeLags.length > 0 ? Math.max(...timeLags) : null;
  const timeToDrain = partitions.length === 0 ? null : drainSeconds(totalLag, consumeRate, inputRate);
  // Records in flight between two commits (under LAG_NOISE_SECONDS of input) are caught up, not a
  // backlog: the same line the severity model, the diagnosis and the verification draw.
  const caughtUp = totalLag === 0 || (inputRate !== null && inputRate > 0 && totalLag <= inputRate * LAG_NOISE_SECONDS);
  const drain =
    caughtUp ? "caught-up" : timeToDrain !== null ? "draining" : consumeRate === null || inputRate === null ? "unknown" : "not-draining";

  let lagStartedAt: number | null = null;
  if (totalLag > 0) {
    // The last caught-up sample, in the window or in the reach-back before it.
    const earlier = ctx.reachBack.map((s): Point => {
      const g = groupIn(s, groupId);
      if (!g) return { at: s.takenAt, value: null };
      let sum: number | null = 0;
      for (const ref of refs) {
        const l = lagOf(committedIn(g, ref.topic, ref.partition), partitionIn(s, ref.topic, ref.partition)).lag;
        sum = l === null || sum === null ? null : sum + l;
      }
      return { at: s.takenAt, value: sum };
    });
    let lastZero: Point | undefined;
    for (const pt of [...earlier, ...lagPoints]) if (pt.value === 0) lastZero = pt;
    if (lastZero) lagStartedAt = lastZero.at;
    else if (maxTimeLag !== null) lagStartedAt = now - maxTimeLag * 1000;
  }

  const partitionCount = topicNames.reduce((s, t) => s + (ctx.topics.get(t)?.partitionCount ?? 0), 0);
  let idleMembers = 0;
  if (assignmentKnown) {
    idleMembers = members.filter((m) => Object.values(m.assignment).every((ps) => ps.length === 0)).length;
  } else if (partitionCount > 0 && members.length > partitionCount) {
    // Assignment not decodable (e.g. custom assignor): every member beyond the partition count idles.
    idleMembers = members.length - partitionCount;
  }
  const state = series[series.length - 1]?.state ?? "Dead";
  const status = groupStatus(partitions.map((p) => p.status), state);
  const worst = partitions.find((p) => p.status === status);
  return {
    groupId,
    state,
    protocol: latest?.protocol ?? "classic",
    groupEpoch: series[series.length - 1]?.groupEpoch ?? null,
    assignor: latest?.assignor ?? null,
    memberCount: members.length,
    idleMembers,
    assignmentKnown,
    topics: topicNames,
    partitionCount,
    totalLag,
    firstTotalLag: lagPoints.find((p) => p.value !== null)?.value ?? null,
    lagGrowthPerSec: slopePerSec(lagPoints),
    consumeRatePerSec: consumeRate,
    inputRatePerSec: inputRate,
    baselineConsumeRatePerSec: baseline,
    recentConsumeRatePerSec: recent,
    maxTimeLagSeconds: maxTimeLag,
    timeToDrainSeconds: timeToDrain,
    drain,
    lagStartedAt,
    // churn from the group's first appearance: a group showing up is not a member change
    churn: churnOf(series.slice(firstSeen), takenAt.slice(firstSeen)),
    status,
    statusReason: worst
      ? `${worst.topic}[${worst.partition}]: ${worst.statusReason}`
      : status === "rebalancing"
        ? `group state is ${state}`
        : "no committed offsets",
    partitions,
  };
}
