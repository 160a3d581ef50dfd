/**
 * Consumer-group status in the spirit of LinkedIn Burrow's evaluator, over the whole history.
 *
 * Partition rules, first match wins:
 *  1. error       committed offset < log start offset: records were deleted before being read.
 *  2. ok          lag is 0 now. This is the fix for Burrow's false "stopped" on quiet topics:
 *                 a caught-up group whose offsets do not move simply has nothing to read.
 *  3. rewound     the committed offset went backwards between two samples (reset, replay).
 *  4. unknown     fewer than two samples with offsets, or a live member owns a partition that has
 *                 never committed (it starts at the log end and commits when a record arrives):
 *                 movement cannot be judged, and it is not a stuck record.
 *  5. stopped     committed offset frozen over the stall window (see `isFrozen`), lag > 0, and no
 *                 live member owns the partition (no members, or assignments known and nobody has
 *                 it). The group state ("Empty"/"Dead") is never used on its own: KIP-848 groups
 *                 read through the classic API look Dead/Empty with no members while consuming.
 *  6. stalled     committed offset frozen, lag > 0, and a member owns the partition (or the group
 *                 has members and the assignment is unknown): alive but not progressing, the
 *                 signature of a poison record or a hung poll loop.
 *  7. lagging     committed offset moving but, over the newer half of the history, lag grew in
 *                 more than half of the intervals and ends higher than it started (Burrow's WARN).
 *  8. ok          otherwise.
 *
 * Group status is the worst partition status by STATUS_PRIORITY; a group whose newest state is
 * a rebalance state is "rebalancing" unless a partition is worse than that.
 *
 * Both group protocols mean the same here. Classic groups (DescribeGroups) rebalance through
 * PreparingRebalance → CompletingRebalance; KIP-848 consumer-protocol groups (ConsumerGroupDescribe)
 * through Assigning (the coordinator computes a new target assignment) → Reconciling (members
 * are revoking and taking partitions). Stable, Empty and Dead mean the same in both; NotReady
 * (a consumer group whose coordinator is still loading it) is neither stable nor rebalancing.
 */
import type { ConsumerStatus } from "./signal-types";

export const STATUS_PRIORITY: readonly ConsumerStatus[] = [
  "error",
  "stopped",
  "stalled",
  "rewound",
  "rebalancing",
  "lagging",
  "unknown",
  "ok",
];

export const REBALANCING_STATES = new Set(["PreparingRebalance", "CompletingRebalance", "Assigning", "Reconciling"]);

export interface PartitionStatusInput {
  committed: (number | null)[];
  /** no sample shows a committed offset: the partition has not committed yet. */
  neverCommitted?: boolean;
  lags: (number | null)[];
  takenAt: number[];
  logStartOffset: number | null;
  /** true when a current member owns the partition, false when nobody does, null if unknown. */
  owned: boolean | null;
  memberCount: number;
  /** fraction of the history span the committed offset must stay unchanged to count as frozen. */
  stallFraction: number;
}

export interface FrozenInfo {
  frozen: boolean;
  unchangedMs: number;
  rewound: boolean;
}

/**
 * The span a stall is measured against is capped: over a long history (the five-minute rate
 * window) an offset unchanged for a minute with records waiting is frozen, it need not wait for
 * half the window. Auto-commit runs every 5 s by default, so a live consumer commits well inside it.
 */
export const STALL_SPAN_CAP_MS = 120_000;

/**
 * Frozen = the trailing run of identical committed offsets covers at least `stallFraction` of
 * the history span (capped at STALL_SPAN_CAP_MS) and at least min(3, samples) samples. A
 * missing commit (null) counts as an unchanged value: a group that never committed has not
 * progressed either (callers tell "never committed" apart).
 */
export function isFrozen(committed: (number | null)[], takenAt: number[], stallFraction: number): FrozenInfo {
  const n = committed.length;
  let rewound = false;
  for (let i = 1; i < n; i++) {
    const a = committed[i - 1];
    const b = committed[i];
    if (a !== null && a !== undefined && b !== null && b !== undefined && b < a) rewound = true;
  }
  if (n < 2) return { frozen: false, unchangedMs: 0, rewound };
  const lastValue = committed[n - 1];
  let start = n - 1;
  while (start > 0 && committed[start - 1] === lastValue) start--;
  const first = takenAt[0] ?? 0;
  const last = takenAt[n - 1] ?? 0;
  const unchangedMs = last - (takenAt[start] ?? last);
  const span = last - first;
  const runSamples = n - start;
  const frozen = span > 0 && runSamples >= Math.min(3, n) && unchangedMs >= stallFraction * Math.min(span, STALL_SPAN_CAP_MS);
  return { frozen, unchangedMs, rewound };
}

/**
 * Over the newer half of the history (Burrow evaluates a sliding window too, so an old calm
 * period does not hide a fresh spike): lag rose in more than half of the intervals and ends
 * higher than it started.
 */
export function lagGrowing(lags: (number | null)[]): boolean {
  const all = lags.filter((x): x is number => x !== null);
  const xs = all.slice(Math.max(0, Math.min(all.length - 3, Math.floor(all.length / 2))));
  if (xs.length < 2) return false;
  let up = 0;
  for (let i = 1; i < xs.length; i++) if ((xs[i] ?? 0) > (xs[i - 1] ?? 0)) up++;
  return up * 2 > xs.length - 1 && (xs[xs.length - 1] ?? 0) > (xs[0] ?? 0);
}

export function partitionStatus(input: PartitionStatusInput): {
  status: ConsumerStatus;
  reason: string;
  frozen: FrozenInfo;
} {
  const frozen = isFrozen(input.committed, input.takenAt, input.stallFraction);
  const committed = input.committed[input.committed.length - 1] ?? null;
  const lag = input.lags[input.lags.length - 1] ?? null;
  const secs = Math.round(frozen.unchangedMs / 1000);
  if (committed !== null && input.logStartOffset !== null && committed < input.logStartOffset) {
    return {
      status: "error",
      reason: `committed offset ${committed} is below log start ${input.logStartOffset}: ${input.logStartOffset - committed} records deleted unread`,
      frozen,
    };
  }
  if (lag === 0) return { status: "ok", reason: "caught up (lag 0)", frozen };
  if (frozen.rewound) return { status: "rewound", reason: "committed offset moved backwards", frozen };
  if (input.takenAt.length < 2) {
    return { status: "unknown", reason: "one sample: movement cannot be judged", frozen };
  }
  if (input.neverCommitted && input.memberCount > 0 && input.owned !== false) {
    // A live member owns it but no commit was ever seen: a consumer that starts at the log end
    // commits nothing until a record arrives. Not a stuck record: movement cannot be judged.
    return { status: "unknown", reason: `no committed offset yet (lag ${lag ?? "?"} counted from the log start) while ${input.memberCount} member(s) are alive`, frozen };
  }
  if (frozen.frozen && lag !== null && lag > 0) {
    const nobody = input.memberCount === 0 || input.owned === false;
    if (nobody) {
      return {
        status: "stopped",
        reason: `committed offset unchanged for ${secs}s with lag ${lag} and no member owns the partition`,
        frozen,
      };
    }
    return {
      status: "stalled",
      reason: `committed offset unchanged for ${secs}s with lag ${lag} while the group has ${input.memberCount} member(s)`,
      frozen,
    };
  }
  if (lagGrowing(input.lags)) return { status: "lagging", reason: "offsets move but lag keeps growing", frozen };
  return { status: "ok", reason: "offsets move and lag is not growing", frozen };
}

export function worstStatus(statuses: ConsumerStatus[]): ConsumerStatus {
  let best = STATUS_PRIORITY.length - 1;
  for (const s of statuses) best = Math.min(best, STATUS_PRIORITY.indexOf(s));
  return STATUS_PRIORITY[best] ?? "ok";
}

/** Group status: worst partition, with rebalancing slotted in by priority. */
export function groupStatus(partitionStatuses: ConsumerStatus[], state: string): ConsumerStatus {
  const all = REBALANCING_STATES.has(state) ? [...partitionStatuses, "rebalancing" as const] : partitionStatuses;
  return all.length === 0 ? "ok" : worstStatus(all);
}
