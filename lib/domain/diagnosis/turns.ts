/**
 * Turns: how a frozen partition compares with the other partitions of the same member.
 *
 * Real clients process a member's partitions in turns: kafkajs hands one fetched batch per
 * partition to eachMessage/eachBatch (one partition at a time by default, or
 * partitionsConsumedConcurrently at a time) and commits after it; the Java client drains one
 * partition's fetched records max.poll.records at a time before the next partition's. Under a
 * per-record cost every partition of a slow consumer therefore stands still while the others
 * take their turn, for longer as the backlog (and so each batch) grows. A stall check that only
 * asks "is this partition unchanged for a minute while others move?" reads that as a poison
 * record. A poison record is different: ONE partition stuck at ONE offset across many turns,
 * while the member's other partitions pass it again and again and never stand still that long.
 */
import type { GroupPartitionSignals, GroupSignals } from "@/lib/domain/evidence/signal-types";

/** the others must have advanced in at least this many samples during the stuck run ("many turns"). */
export const POISON_TURNS = 3;
/** the stuck run must be this many times the longest the others ever stood still (over the window). */
export const POISON_STILL_RATIO = 3;
/** a stuck run at most this many times the others' longest stand-still is a turn like theirs. */
export const TURN_STILL_RATIO = 1.5;

export interface TurnReading {
  stuckMs: number;
  /** other partitions of the same member (the whole group when assignments are unknown) that moved in the window */
  peers: GroupPartitionSignals[];
  /** samples in which a peer advanced since the stuck partition last moved */
  peerAdvances: number;
  /** the longest any moving peer's committed offset stood still over the window */
  peerLongestStillMs: number;
  peerLongestStillOn: string | null;
  /** one-record: stuck across many turns; turns: stands still no longer than the others do; unclear: in between or too few turns seen */
  kind: "one-record" | "turns" | "unclear";
}

const label = (p: GroupPartitionSignals) => `${p.topic}[${p.partition}]`;

/**
 * The longest the partition stood still from `from` (the group's first advance in the window),
 * between its advances, or since its last one. Not from the window start: the sampler's
 * history may reach back before the group consumed anything, and that wait is no turn.
 */
function longestStillMs(p: GroupPartitionSignals, from: number, now: number): number {
  const points = [from, ...p.committedAdvancedAt.filter((t) => t >= from && t <= now), now];
  let longest = 0;
  for (let i = 1; i < points.length; i++) longest = Math.max(longest, (points[i] ?? 0) - (points[i - 1] ?? 0));
  return longest;
}

/** How `stuck` (a frozen partition of `g`) compares with its member's other partitions over [windowStart, now]. */
export function readTurns(g: GroupSignals, stuck: GroupPartitionSignals, windowStart: number, now: number): TurnReading {
  const sameMember = (p: GroupPartitionSignals) => stuck.assignedTo === null || p.assignedTo === stuck.assignedTo;
  const peers = g.partitions.filter((p) => p !== stuck && sameMember(p) && p.committedAdvancedAt.some((t) => t >= windowStart));
  const since = now - stuck.committedUnchangedMs;
  const peerAdvances = new Set(peers.flatMap((p) => p.committedAdvancedAt.filter((t) => t > since))).size;
  let peerLongestStillMs = 0;
  let peerLongestStillOn: string | null = null;
  const from = Math.min(now, ...g.partitions.flatMap((p) => p.committedAdvancedAt.filter((t) => t >= windowStart)));
  for (const p of peers) {
    const still = longestStillMs(p, from, now);
    if (still > peerLongestStillMs) {
      peerLongestStillMs = still;
      peerLongestStillOn = label(p);
    }
  }
  const stuckMs = stuck.committedUnchangedMs;
  const kind =
    peers.length === 0
      ? "unclear"
      : stuckMs <= TURN_STILL_RATIO * peerLongestStillMs
        ? "turns"
        : stuckMs >= POISON_STILL_RATIO * peerLongestStillMs && peerAdvances >= POISON_TURNS
          ? "one-record"
          : "unclear";
  return { stuckMs, peers, peerAdvances, peerLongestStillMs, peerLongestStillOn, kind };
}

/**
 * A frozen lagging partition that is only waiting for its turn (a slow consumer's), not stuck:
 * a live member owns it (stalled, not stopped), another of its partitions advanced since it
 * last moved, and it has stood still no longer than the others do between their turns.
 */
export function frozenInTurn(g: GroupSignals, p: GroupPartitionSignals, windowStart: number, now: number): boolean {
  if (!p.committedFrozen || p.status !== "stalled") return false;
  const t = readTurns(g, p, windowStart, now);
  return t.kind === "turns" && t.peerAdvances > 0;
}

/**
 * Every partition of a group frozen at once is a hang only if the quiet is far longer than the
 * gaps between the group's earlier advances: kafkajs commits after each batch, so a slow
 * member deep in one long batch shows no commit anywhere for one turn, then moves on.
 * Returns the current quiet and the longest gap before it (null with fewer than two advances).
 */
export function groupQuiet(g: GroupSignals, windowStart: number, now: number): { quietMs: number; longestGapMs: number } | null {
  const at = [...new Set(g.partitions.flatMap((p) => p.committedAdvancedAt.filter((t) => t >= windowStart)))].sort((a, b) => a - b);
  if (at.length < 2) return null;
  let longestGapMs = 0;
  for (let i = 1; i < at.length; i++) longestGapMs = Math.max(longestGapMs, (at[i] ?? 0) - (at[i - 1] ?? 0));
  return { quietMs: now - (at[at.length - 1] ?? now), longestGapMs };
}
