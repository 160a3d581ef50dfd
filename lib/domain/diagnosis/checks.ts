/**
 * Automatic checks for the consumer-group and topic leaves. Each check reads signals and emits
 * verdicts (supported / contradicted / unknown) with a weight and a reason quoting numbers.
 * Weights are chosen so the drill conditions rank their injected cause first: the most specific
 * signature (frozen partition with live members, data below log start, a departed broker) gets
 * the highest weight; broad symptoms (consume below input) get less, and are withheld when a
 * more specific explanation (spike, skew, churn, frozen offsets) is present.
 * Cluster, config and timeline checks live in checks-cluster.ts.
 */
import type { GroupSignals, TopicSignals } from "@/lib/domain/evidence/signal-types";
import type { HumanAnswer, Verdict } from "./types";
import { dur, pct, r1, v, type CheckContext } from "./check-kit";
import { clusterChecks, changeChecks } from "./checks-cluster";
import { quotaChecks, storageChecks } from "./checks-capacity";
import { brokerMetricChecks } from "./checks-broker-metrics";
import { LAG_NOISE_SECONDS } from "@/lib/domain/evidence/noise";
import { RECOVERY_HORIZON_SECONDS } from "@/lib/domain/severity/propose";
import { utcClock } from "@/lib/domain/metrics/durations";
import { POISON_STILL_RATIO, POISON_TURNS, frozenInTurn, groupQuiet, readTurns, type TurnReading } from "./turns";

export type { CheckContext };

export const SKEW_LAG_SHARE = 0.6;
export const SKEW_INPUT_RATIO = 3;
export const SPIKE_RATIO = 3;
export const DROP_RATIO = 0.33;
export const CHURN_EVENTS = 3;
export const CONSUME_DROP_RATIO = 0.75;
/** a retention deadline further out than this is not an incident-time risk (the severity model's horizon). */
export const RETENTION_HORIZON_SECONDS = RECOVERY_HORIZON_SECONDS;
export { LAG_NOISE_SECONDS };

const lagging = (g: GroupSignals) => g.partitions.filter((p) => (p.lag ?? 0) > 0);
const churnEvents = (g: GroupSignals) => Math.max(g.churn.stateTransitions.length, g.churn.memberSetChanges);
const backlog = (g: GroupSignals) => g.totalLag > 0 && g.totalLag > (g.inputRatePerSec ?? 0) * LAG_NOISE_SECONDS;
const growing = (g: GroupSignals) => backlog(g) && (g.lagGrowthPerSec ?? 0) > 0;
function topicsOf(ctx: CheckContext, g: GroupSignals): TopicSignals[] {
  return g.topics.map((t) => ctx.signals.topics.find((x) => x.name === t)).filter((t): t is TopicSignals => !!t);
}

export function skewChecks(ctx: CheckContext): Verdict[] {
  const out: Verdict[] = [];
  const leaf = "topic.partition-skew";
  for (const g of ctx.groups) {
    const lag = lagging(g);
    if (g.partitions.length < 2 || !backlog(g)) continue;
    const top = [...lag].sort((a, b) => (b.lagShare ?? 0) - (a.lagShare ?? 0))[0];
    if (!top) continue;
    const share = top.lagShare ?? 0;
    const topic = ctx.signals.topics.find((t) => t.name === top.topic);
    const med = topic?.medianPartitionInputRatePerSec ?? null;
    const ratio = med && top.inputRatePerSec !== null ? top.inputRatePerSec / med : null;
    const where = `partition ${top.partition} holds ${pct(share)} of the group's lag`;
    if (share >= SKEW_LAG_SHARE && top.neverCommitted) {
      out.push(v("skew.lag-concentration", leaf, "unknown", 0, `${where}, but it has not committed yet: its lag is counted from the log start, not evidence of skew`));
    } else if (share >= SKEW_LAG_SHARE && top.committedFrozen) {
      out.push(v("skew.lag-concentration", leaf, "unknown", 0, `${where}, but its committed offset is frozen: a stuck consumer, not skew`));
    } else if (share >= SKEW_LAG_SHARE) {
      const tail = ratio !== null ? ` while its input rate is ${r1(ratio)}x the median` : "";
      const w = Math.min(0.9, 0.5 + (share - SKEW_LAG_SHARE) + (ratio !== null && ratio >= SKEW_INPUT_RATIO ? 0.2 : 0));
      out.push(v("skew.lag-concentration", leaf, "supported", w, `${where}${tail}`));
    } else if (share <= Math.max(0.45, 1.5 / g.partitions.length)) {
      out.push(v("skew.lag-concentration", leaf, "contradicted", 0.6, `lag spread evenly: the top partition holds ${pct(share)} across ${g.partitions.length} partitions`));
    }
  }
  for (const t of ctx.topics) {
    const rates = t.partitions.map((p) => p.inputRatePerSec).filter((x): x is number => x !== null);
    const med = t.medianPartitionInputRatePerSec;
    const hot = [...t.partitions].sort((a, b) => (b.inputRatePerSec ?? 0) - (a.inputRatePerSec ?? 0))[0];
    if (!hot || rates.length < 2 || !t.inputRatePerSec || hot.inputRatePerSec === null) continue;
    const ratio = med && med > 0 ? hot.inputRatePerSec / med : Infinity;
    const share = hot.inputShare ?? 0;
    const text = `${t.name}[${hot.partition}] takes ${pct(share)} of the topic input (${r1(hot.inputRatePerSec)} rec/s, ${Number.isFinite(ratio) ? `${r1(ratio)}x` : "far above"} the median)`;
    if (ratio >= SKEW_INPUT_RATIO && share >= 0.5) out.push(v("skew.input-concentration", leaf, "supported", 0.4, text));
    else if (ratio < 1.5) out.push(v("skew.input-concentration", leaf, "contradicted", 0.3, `input balanced on ${t.name}: hottest partition ${r1(ratio)}x the median`));
  }
  return out;
}

/**
 * consumer.stopped covers stopped and hung consumers (seed 001 S12: "consumers can hang without
 * crashing"): no lagging partition's committed offset moves while input continues — because no
 * member is left (stopped), or because members are alive and heartbeating but finish nothing
 * (hung). One partition frozen while the others move is a poison record instead.
 */
export function stoppedChecks(ctx: CheckContext): Verdict[] {
  const out: Verdict[] = [];
  const inTurnQuiet = (g: GroupSignals) => {
    const q = groupQuiet(g, ctx.signals.windowStart, ctx.signals.takenAt);
    return q !== null && q.quietMs < POISON_STILL_RATIO * q.longestGapMs;
  };
  const leaf = "consumer.stopped";
  for (const g of ctx.groups) {
    const lag = lagging(g);
    if (lag.length === 0) {
      out.push(v("group.offsets-moving", leaf, "contradicted", 0.8, `${g.groupId} is caught up (lag 0): nothing to consume, whatever its state (${g.state})`));
      continue;
    }
    const stoppedParts = lag.filter((p) => p.status === "stopped");
    // Any partition advancing proves a live consumer, even if the lagging ones are stuck.
    const moving = g.partitions.filter((p) => !p.committedFrozen && (p.consumeRatePerSec ?? 0) > 0);
    const frozenFor = Math.max(...lag.map((p) => p.committedUnchangedMs)) / 1000;
    const growth = g.firstTotalLag !== null ? `; lag went from ${g.firstTotalLag} to ${g.totalLag}` : "";
    // Hung: every lagging partition frozen (and owned), nobody moving, the same members all along, input going on.
    const allFrozen = lag.every((p) => p.committedFrozen);
    const input = g.inputRatePerSec ?? 0;
    const alive = g.memberCount > 0 && g.churn.memberSetChanges === 0 && g.state === "Stable";
    if (stoppedParts.length > 0) {
      const w = stoppedParts.length === lag.length ? 0.9 : 0.6;
      out.push(
        v("group.offsets-frozen-no-members", leaf, "supported", w,
          `committed offsets on ${stoppedParts.length}/${lag.length} lagging partitions unchanged for ${dur(frozenFor)}; group ${g.state} with ${g.memberCount} member(s)${growth}`),
      );
    } else if (allFrozen && moving.length === 0 && alive && input > 0 && backlog(g) && inTurnQuiet(g)) {
      const q = groupQuiet(g, ctx.signals.windowStart, ctx.signals.takenAt)!;
      out.push(
        v("group.hung-consumer", leaf, "unknown", 0,
          `no committed offset moved on any of the ${lag.length} lagging partition(s) for ${dur(q.quietMs / 1000)}, but the group's partitions advanced in turns up to ${dur(q.longestGapMs / 1000)} apart before: one long turn of a slow member (a client committing after each batch), not yet a hang`),
      );
    } else if (allFrozen && moving.length === 0 && alive && input > 0 && backlog(g)) {
      out.push(
        v("group.hung-consumer", leaf, "supported", 0.85,
          `${g.memberCount} member(s) alive and heartbeating (group Stable, no member change in ${ctx.signals.samples} samples), yet no committed offset moved on any of the ${lag.length} lagging partition(s) for ${dur(frozenFor)} while input continues at ${r1(input)} rec/s${growth}: the consumers hang without crashing`),
      );
    }
    if (moving.length > 0 && stoppedParts.length === 0) {
      const note = g.memberCount === 0 ? ` although the group shows ${g.state} with no members (${g.protocol} protocol)` : "";
      out.push(v("group.offsets-moving", leaf, "contradicted", 0.9, `committed offsets advance at ${r1(g.consumeRatePerSec ?? 0)} rec/s on ${moving.length}/${g.partitions.length} partitions${note}`));
    } else if (stoppedParts.length === 0 && g.memberCount > 0 && !(allFrozen && alive && input > 0)) {
      out.push(v("group.offsets-moving", leaf, "contradicted", 0.6, `offsets frozen but ${g.memberCount} live member(s) own the partitions and ${input > 0 ? "membership changed" : "no input arrives"}: stalled, not stopped`));
    }
  }
  return out;
}

/**
 * A poison record is one partition stuck at one offset across many turns while the member's
 * other partitions pass it (turns.ts): a partition that stands still only as long as the others
 * do between their turns is a slow consumer's, and contradicts it.
 */
export function poisonChecks(ctx: CheckContext): Verdict[] {
  const out: Verdict[] = [];
  const leaf = "consumer.poison-record";
  const { windowStart, takenAt: now } = ctx.signals;
  for (const g of ctx.groups) {
    const stalled = g.partitions.filter((p) => p.status === "stalled");
    const moving = g.partitions.filter((p) => !p.committedFrozen && (p.consumeRatePerSec ?? 0) > 0);
    if (stalled.length === 0) {
      if (g.totalLag > 0 || g.memberCount > 0) out.push(v("partition.stalled-while-others-move", leaf, "contradicted", 0.7, `no partition of ${g.groupId} is frozen while members are alive`));
      continue;
    }
    // The stalled partition that looks most like one bad record: stuck across the most turns.
    const readings = stalled.map((p) => ({ p, t: readTurns(g, p, windowStart, now) }));
    const rank = (k: TurnReading["kind"]) => (k === "one-record" ? 0 : k === "unclear" ? 1 : 2);
    readings.sort((a, b) => rank(a.t.kind) - rank(b.t.kind) || b.t.stuckMs - a.t.stuckMs);
    const { p: first, t } = readings[0]!;
    const which = stalled.map((p) => `${p.topic}[${p.partition}]`).join(", ");
    const stuck = `${which} stuck at offset ${first.committedOffset ?? "none"} for ${dur(first.committedUnchangedMs / 1000)} (lag ${first.lag ?? "?"})`;
    const movingRate = moving.reduce((s, p) => s + (p.consumeRatePerSec ?? 0), 0);
    const peers = `the member's ${t.peers.length} other partition(s) advanced in ${t.peerAdvances} sample(s) since ${first.topic}[${first.partition}] last moved and stood still at most ${dur(t.peerLongestStillMs / 1000)}${t.peerLongestStillOn ? ` (${t.peerLongestStillOn})` : ""}`;
    if (moving.length > 0 && t.kind === "one-record") {
      out.push(v("partition.stalled-while-others-move", leaf, "supported", 0.85,
        `${stuck} while ${moving.length} other partition(s) advance at ${r1(movingRate)} rec/s; ${peers}: stuck across many turns; group ${g.state} with ${g.memberCount} member(s)`));
    } else if (moving.length > 0 && t.kind === "turns") {
      out.push(v("partition.stalled-while-others-move", leaf, "contradicted", 0.7,
        `${stuck}, but ${peers}: the member processes its partitions in turns and each waits as long for its own (a slow consumer), not one record stuck across many turns`));
    } else if (moving.length > 0) {
      out.push(v("partition.stalled-while-others-move", leaf, "supported", 0.25,
        `${stuck} while ${moving.length} other partition(s) advance at ${r1(movingRate)} rec/s, but ${peers}: not yet stuck across many turns (a poison record stays put while the others advance ${POISON_TURNS}+ times and never stand still a third as long)`));
    } else if (g.partitions.length === 1) {
      out.push(v("partition.stalled-while-others-move", leaf, "supported", 0.4, `${stuck} with ${g.memberCount} live member(s); single partition, so no others to compare (a hung consumer looks the same)`));
    } else {
      out.push(v("partition.stalled-while-others-move", leaf, "unknown", 0, `${stuck}, but every partition is frozen: a hung consumer rather than one bad record`));
    }
  }
  return out;
}

export function retentionChecks(ctx: CheckContext): Verdict[] {
  const out: Verdict[] = [];
  const leaf = "topic.retention-too-short";
  for (const g of ctx.groups) {
    const lost = g.partitions.flatMap((p) => (p.retention.kind === "lost" ? [{ p, n: p.retention.recordsLost }] : []));
    if (lost.length > 0) {
      const total = lost.reduce((s, x) => s + x.n, 0);
      const list = lost.slice(0, 3).map(({ p }) => `${p.topic}[${p.partition}] committed ${p.committedOffset} < log start ${p.logStartOffset}`);
      out.push(v("retention.data-lost", leaf, "supported", 0.95, `${total} records deleted unread on ${lost.length} partition(s): ${list.join("; ")}`));
    }
    const risky = g.partitions.filter((p) => p.retention.kind === "expires-before-drain");
    const soonest = risky.map((p) => ({ p, s: p.retention.kind === "expires-before-drain" ? p.retention.secondsUntilExpiry : Infinity })).sort((a, b) => a.s - b.s)[0];
    if (soonest && soonest.s <= RETENTION_HORIZON_SECONDS) {
      const drain = g.timeToDrainSeconds === null ? "the backlog is not draining" : `draining needs ${dur(g.timeToDrainSeconds)}`;
      out.push(v("retention.expires-before-drain", leaf, "supported", soonest.s < 3600 ? 0.8 : 0.6,
        `retention${soonest.p.retention.kind === "expires-before-drain" && soonest.p.retention.by === "size" ? " by size (retention.bytes)" : ""} deletes unread records on ${soonest.p.topic}[${soonest.p.partition}] in ${dur(soonest.s)} while ${drain}`));
    } else if (g.totalLag === 0) {
      out.push(v("retention.expires-before-drain", leaf, "contradicted", 0.5, `${g.groupId} is caught up: nothing waits for retention`));
    } else if (lagging(g).every((p) => p.retention.kind === "safe" || p.retention.kind === "none")) {
      const eta = g.timeToDrainSeconds === null ? "consumers keep pace" : `drain ETA ${dur(g.timeToDrainSeconds)}`;
      out.push(v("retention.expires-before-drain", leaf, "contradicted", 0.6, `${eta}, inside the retention window`));
    }
  }
  return out;
}

export function churnChecks(ctx: CheckContext): Verdict[] {
  const cluster = ctx.signals.cluster;
  return ctx.groups.map((g) => {
    const n = churnEvents(g);
    const c = g.churn;
    const text = `${c.stateTransitions.length} state transitions, ${c.memberSetChanges} member-set changes (+${c.membersJoined}/−${c.membersLeft}) and ${c.rebalancingSamples} rebalancing samples in ${ctx.signals.samples} samples`;
    if (n >= CHURN_EVENTS || c.rebalancingSamples >= 2) {
      // Leadership moving under the group's topics makes consumers rejoin: then the churn is a
      // consequence of cluster churn, not a storm of the group's own.
      const moved = cluster.leaderChanges.filter((l) => g.topics.includes(l.topic)).length;
      if (moved >= 3 && cluster.brokersLeft.length === 0) {
        return v("group.rebalance-churn", "consumer.rebalance-storm", "supported", 0.3, `${text}, while the leaders of its topics moved ${moved} times: consumers rejoin after leadership moves, look at the cluster first`);
      }
      return v("group.rebalance-churn", "consumer.rebalance-storm", "supported", Math.min(0.9, 0.4 + 0.1 * n), text);
    }
    if (n === 0 && c.rebalancingSamples === 0) return v("group.rebalance-churn", "consumer.rebalance-storm", "contradicted", 0.7, `stable membership: ${text}`);
    return v("group.rebalance-churn", "consumer.rebalance-storm", "unknown", 0, `${text}: a single change (deploy, scale), not a storm`);
  });
}

export function partitionCountChecks(ctx: CheckContext): Verdict[] {
  const leaf = "topic.insufficient-partitions";
  return ctx.groups.flatMap((g) => {
    const text = `${g.memberCount} members for ${g.partitionCount} partitions`;
    if (g.idleMembers > 0 && growing(g)) return [v("group.idle-members", leaf, "supported", 0.8, `${text}: ${g.idleMembers} idle while lag grows ${r1(g.lagGrowthPerSec ?? 0)} rec/s`)];
    if (g.idleMembers > 0) return [v("group.idle-members", leaf, "unknown", 0, `${text}: ${g.idleMembers} idle, but no growing backlog (spare capacity)`)];
    if (g.memberCount > 0 && g.memberCount >= g.partitionCount && growing(g) && lagging(g).every((p) => !p.committedFrozen)) {
      return [v("group.idle-members", leaf, "supported", 0.4, `${text}: parallelism is at its ceiling while lag grows`)];
    }
    if (g.memberCount > 0 && g.memberCount < g.partitionCount) return [v("group.idle-members", leaf, "contradicted", 0.6, `${text}: parallelism is not capped by partitions`)];
    return [];
  });
}

export function inputRateChecks(ctx: CheckContext): Verdict[] {
  const out: Verdict[] = [];
  for (const t of ctx.topics) {
    const base = t.baselineInputRatePerSec;
    const recent = t.recentInputRatePerSec;
    if (base === null || recent === null) continue;
    const ratio = t.inputChangeRatio;
    const text = `${t.name} input ${r1(recent)} rec/s recently vs ${r1(base)} rec/s baseline`;
    if (ratio === null) {
      if (recent > 0) out.push(v("topic.input-spike", "producer.traffic-spike", "unknown", 0, `${text}: no earlier traffic to compare`));
      continue;
    }
    if (ratio >= SPIKE_RATIO) out.push(v("topic.input-spike", "producer.traffic-spike", "supported", Math.min(0.9, 0.6 + 0.05 * (ratio - SPIKE_RATIO)), `${text} (${r1(ratio)}x)`));
    else if (ratio >= 1.5) out.push(v("topic.input-spike", "producer.traffic-spike", "supported", 0.3, `${text} (${r1(ratio)}x): a moderate rise`));
    else out.push(v("topic.input-spike", "producer.traffic-spike", "contradicted", 0.6, `${text} (${r1(ratio)}x): no spike`));
    if (ratio <= DROP_RATIO) out.push(v("topic.input-drop", "producer.throttled", "supported", 0.6, `${text} (${r1(ratio)}x): input fell well below baseline`));
    else if (ratio >= 0.8) out.push(v("topic.input-drop", "producer.throttled", "contradicted", 0.5, `${text} (${r1(ratio)}x): input at or above baseline`));
  }
  return out;
}

/** consumer.slow-processing vs consumer.sink-bottleneck: both are "all partitions move, consume < input". */
export function throughputChecks(ctx: CheckContext): Verdict[] {
  const out: Verdict[] = [];
  for (const g of ctx.groups) {
    const consume = g.consumeRatePerSec;
    const input = g.inputRatePerSec;
    if (consume === null || input === null) continue;
    const lag = lagging(g);
    if (!growing(g)) {
      const text = `${g.groupId} consumes ${r1(consume)} rec/s against ${r1(input)} rec/s input; lag not growing`;
      out.push(v("group.consume-below-input-steady", "consumer.slow-processing", "contradicted", 0.6, text));
      out.push(v("group.consume-rate-drop", "consumer.sink-bottleneck", "contradicted", 0.5, text));
      continue;
    }
    const spike = topicsOf(ctx, g).some((t) => (t.inputChangeRatio ?? 1) >= 1.5);
    const topShare = Math.max(0, ...lag.map((p) => p.lagShare ?? 0));
    const stuck = lag.filter((p) => p.committedFrozen && !frozenInTurn(g, p, ctx.signals.windowStart, ctx.signals.takenAt));
    const why = stuck.length > 0
      ? "some lagging partitions are frozen"
      : churnEvents(g) >= CHURN_EVENTS
        ? "the group is churning"
        : spike
          ? "input rose above its baseline"
          : g.partitions.length > 1 && topShare >= SKEW_LAG_SHARE
            ? `lag concentrates on one partition (${pct(topShare)})`
            : null;
    if (why) {
      out.push(v("group.consume-below-input-steady", "consumer.slow-processing", "unknown", 0, `consumption below input, but ${why}`));
      out.push(v("group.consume-rate-drop", "consumer.sink-bottleneck", "unknown", 0, `consumption below input, but ${why}`));
      continue;
    }
    const base = g.baselineConsumeRatePerSec;
    const recent = g.recentConsumeRatePerSec;
    const dropRatio = base && recent !== null ? recent / base : null;
    const rates = `consuming ${r1(consume)} rec/s against ${r1(input)} rec/s input (${pct(consume / (input || 1))}); lag grows ${r1(g.lagGrowthPerSec ?? 0)} rec/s`;
    // The recent rate (the newest third of the samples) counts whole turns only if every
    // lagging partition that moved in the window moved in it too: a member processing its
    // partitions in turns commits in lumps, and a third that falls between two lumps is no drop.
    const { windowStart, takenAt: now, samples } = ctx.signals;
    const recentFrom = samples > 1 ? now - Math.floor((samples - 1) / 3) * ((now - windowStart) / (samples - 1)) : now;
    const missedTurn = lag.find((p) => p.committedAdvancedAt.some((t) => t >= windowStart) && !p.committedAdvancedAt.some((t) => t >= recentFrom));
    if (dropRatio !== null && dropRatio <= CONSUME_DROP_RATIO && missedTurn) {
      out.push(v("group.consume-rate-drop", "consumer.sink-bottleneck", "unknown", 0,
        `consume rate ${r1(recent ?? 0)} rec/s recently vs ${r1(base ?? 0)} rec/s before, but ${missedTurn.topic}[${missedTurn.partition}] took no turn in the recent ${dur((now - recentFrom) / 1000)}: partitions processed in turns, the recent rate misses whole turns`));
      out.push(v("group.consume-below-input-steady", "consumer.slow-processing", "supported", 0.6, `all ${lag.length} lagging partitions advance in turns; ${rates}`));
    } else if (dropRatio !== null && dropRatio <= CONSUME_DROP_RATIO) {
      out.push(v("group.consume-rate-drop", "consumer.sink-bottleneck", "supported", 0.65,
        `consume rate fell from ${r1(base ?? 0)} to ${r1(recent ?? 0)} rec/s (${r1(dropRatio)}x) while input held and the group stayed ${g.state} with all ${lag.length} lagging partitions moving`));
      out.push(v("group.consume-below-input-steady", "consumer.slow-processing", "supported", 0.3, `all lagging partitions moving; ${rates}`));
    } else {
      const waiting = lag.filter((p) => p.committedFrozen).length;
      const moving = waiting > 0 ? `all ${lag.length} lagging partitions advance in turns (${waiting} waiting for theirs)` : `all ${lag.length} lagging partitions moving`;
      out.push(v("group.consume-below-input-steady", "consumer.slow-processing", "supported", 0.6, `${moving} at a steady rate; ${rates}`));
      // Fewer members than partitions, each at a flat rate: more members add parallelism, the
      // usual fix. A steadily slow sink stays possible but is not shown, and must not rank as a
      // cause whose advice warns against scaling consumers.
      const steady = `consume rate steady (${dropRatio === null ? "?" : `${r1(dropRatio)}x`} of baseline) but below input`;
      if (g.memberCount > 0 && g.memberCount < g.partitionCount) {
        out.push(v("group.consume-rate-drop", "consumer.sink-bottleneck", "supported", 0.2, `${steady}: a steadily slow sink is possible, but with ${g.memberCount} member(s) for ${g.partitionCount} partitions more members would add parallelism`));
      } else {
        out.push(v("group.consume-rate-drop", "consumer.sink-bottleneck", "supported", 0.3, `${steady}: a steadily slow sink is possible`));
      }
    }
  }
  return out;
}

export function answerVerdicts(answers: HumanAnswer[]): Verdict[] {
  return answers.map((a) => ({
    checkId: "answer" as const,
    leafId: a.leafId,
    verdict: a.answer === "yes" ? ("supported" as const) : ("contradicted" as const),
    weight: 0.6,
    reason: `answered ${a.answer}${a.at !== undefined ? ` (at ${utcClock(a.at)}Z)` : ""}: ${a.note}`,
  }));
}

/** Every check, in a fixed order (determinism). */
export function runChecks(ctx: CheckContext): Verdict[] {
  const groupLevel = ctx.scope.kind === "cluster" ? [] : [skewChecks, stoppedChecks, poisonChecks, retentionChecks, churnChecks, partitionCountChecks, throughputChecks];
  return [
    ...groupLevel.flatMap((f) => f(ctx)),
    ...inputRateChecks(ctx),
    ...clusterChecks(ctx),
    ...storageChecks(ctx),
    ...quotaChecks(ctx),
    ...brokerMetricChecks(ctx),
    ...changeChecks(ctx),
    ...answerVerdicts(ctx.answers),
  ];
}
