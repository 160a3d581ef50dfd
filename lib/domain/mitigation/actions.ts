/**
 * Guarded Kafka actions (seed 000: retention, offsets and partitions change the recovery
 * surface and need human confirmation). Pure planning: the dry run from facts read from Kafka,
 * the blast radius, who must approve, the rollback recipe and the read-back comparison.
 */
import { wrongMitigationWarning, type MitigationId } from "@/lib/domain/diagnosis/tree";
import { fmtInt } from "./format";
import { formatDuration } from "@/lib/domain/metrics/durations";
import type { ActionKind, BlastRadius } from "./types";

export const RESET_MODES = ["earliest", "latest", "timestamp", "offset", "skip-one"] as const;
export type ResetMode = (typeof RESET_MODES)[number];

export type ActionParams =
  | { kind: "reset-offsets"; groupId: string; topic: string; mode: ResetMode; partitions?: number[]; timestampMs?: number; offset?: number; partition?: number }
  | { kind: "change-retention"; topic: string; retentionMs: number }
  | { kind: "add-partitions"; topic: string; count: number };

/** An executed high-blast-radius action is rolled back only after a second person approves that too. */
export const ACTION_STATUSES = ["requested", "approved", "rejected", "executed", "failed", "rollback-requested", "rollback-approved", "rolled-back"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** What the dry run needs from Kafka for an offsets reset. */
export interface ResetFacts {
  partitions: { partition: number; logStartOffset: number | null; logEndOffset: number | null; committedOffset: number | null }[];
  /** for mode timestamp: partition → first offset at/after the time (null: none, i.e. the log end) */
  offsetsAtTime?: Record<number, number | null>;
  activeMembers: number;
  groupState: string;
}

export interface ConfigFact {
  name: string;
  value: string | null;
  /** Kafka's config source; DYNAMIC_TOPIC_CONFIG is a topic-level override */
  source: string;
}

export interface OffsetRow {
  partition: number;
  logStartOffset: number | null;
  logEndOffset: number | null;
  current: number | null;
  target: number;
  /** target − current: positive skips that many records, negative replays them; null without a commit */
  delta: number | null;
  effect: "skips" | "replays" | "unchanged" | "first-commit";
}

export type DryRun =
  | { kind: "reset-offsets"; groupId: string; topic: string; mode: ResetMode; rows: OffsetRow[]; skipped: number; replayed: number; activeMembers: number; groupState: string; warnings: string[]; summary: string }
  | { kind: "change-retention"; topic: string; changes: { key: string; before: string | null; beforeSource: string; after: string }[]; keptOverrides: Record<string, string>; warnings: string[]; summary: string }
  | { kind: "add-partitions"; topic: string; before: number; after: number; warnings: string[]; summary: string };

export type RollbackRecipe =
  | { kind: "restore-offsets"; automatic: true; groupId: string; topic: string; offsets: Record<string, number>; description: string }
  | { kind: "restore-config"; automatic: true; topic: string; changes: Record<string, string | null>; description: string }
  | { kind: "manual"; automatic: false; description: string };

export class PlanError extends Error {
  override readonly name = "PlanError";
}

export const ACTION_LABELS: Record<ActionKind, string> = {
  "reset-offsets": "Reset consumer group offsets",
  "change-retention": "Change topic retention",
  "add-partitions": "Add partitions",
};

export const MODE_LABELS: Record<ResetMode, string> = {
  earliest: "to the earliest retained offset",
  latest: "to the latest offset (skip the backlog)",
  timestamp: "to a point in time",
  offset: "to an offset",
  "skip-one": "skip exactly one poison record",
};

export const ACTIVE_MEMBERS_RULE = "Kafka allows changing a consumer group's committed offsets only while the group has no active members";

function targetFor(params: Extract<ActionParams, { kind: "reset-offsets" }>, row: ResetFacts["partitions"][number], facts: ResetFacts): number {
  const { logStartOffset: start, logEndOffset: end, committedOffset: cur } = row;
  if (start === null || end === null) throw new PlanError(`partition ${row.partition} has no readable offsets (no leader?)`);
  switch (params.mode) {
    case "earliest":
      return start;
    case "latest":
      return end;
    case "timestamp": {
      const at = facts.offsetsAtTime?.[row.partition];
      return at === undefined || at === null ? end : at;
    }
    case "offset": {
      const o = params.offset;
      if (o === undefined) throw new PlanError("mode offset needs an offset");
      if (o < start || o > end) throw new PlanError(`offset ${o} is outside partition ${row.partition}'s retained range ${start}..${end}`);
      return o;
    }
    case "skip-one": {
      if (cur === null) throw new PlanError(`partition ${row.partition} has no committed offset: nothing to skip from`);
      if (cur >= end) throw new PlanError(`partition ${row.partition} is caught up at ${cur}: there is no record to skip`);
      if (cur < start) throw new PlanError(`the committed offset ${cur} of partition ${row.partition} is below the log start ${start}: that record is already deleted`);
      return cur + 1;
    }
  }
}

export function planReset(params: Extract<ActionParams, { kind: "reset-offsets" }>, facts: ResetFacts): DryRun {
  if (params.mode === "skip-one" && params.partition === undefined) throw new PlanError("skip-one needs the partition of the poison record");
  if (params.mode === "timestamp" && params.timestampMs === undefined) throw new PlanError("mode timestamp needs a timestamp");
  const wanted = params.mode === "skip-one" ? [params.partition as number] : params.partitions;
  const chosen = wanted ? facts.partitions.filter((r) => wanted.includes(r.partition)) : facts.partitions;
  const missing = (wanted ?? []).filter((n) => !facts.partitions.some((r) => r.partition === n));
  if (missing.length) throw new PlanError(`${params.topic} has no partition ${missing.join(", ")}`);
  if (chosen.length === 0) throw new PlanError(`${params.topic} has no partitions to reset`);
  const rows: OffsetRow[] = [...chosen].sort((a, b) => a.partition - b.partition).map((r) => {
    const target = targetFor(params, r, facts);
    const delta = r.committedOffset === null ? null : target - r.committedOffset;
    const effect: OffsetRow["effect"] = delta === null ? "first-commit" : delta > 0 ? "skips" : delta < 0 ? "replays" : "unchanged";
    return { partition: r.partition, logStartOffset: r.logStartOffset, logEndOffset: r.logEndOffset, current: r.committedOffset, target, delta, effect };
  });
  const skipped = rows.reduce((n, r) => n + Math.max(0, r.delta ?? 0), 0);
  const replayed = rows.reduce((n, r) => n + Math.max(0, -(r.delta ?? 0)), 0);
  const warnings: string[] = [];
  if (facts.activeMembers > 0) warnings.push(`${ACTIVE_MEMBERS_RULE}: group ${params.groupId} has ${facts.activeMembers} active member${facts.activeMembers === 1 ? "" : "s"} (${facts.groupState}). Stop its consumers before executing.`);
  if (skipped > 0) warnings.push(`${fmtInt(skipped)} record${skipped === 1 ? "" : "s"} will never be processed by ${params.groupId}: the data owner must approve.`);
  if (replayed > 0) warnings.push(`${fmtInt(replayed)} record${replayed === 1 ? "" : "s"} will be processed again: the output must tolerate duplicates.`);
  if (rows.some((r) => r.effect === "first-commit")) warnings.push("Some partitions have no committed offset yet: the reset creates one.");
  const changed = rows.filter((r) => r.effect !== "unchanged").length;
  const summary = `${params.groupId} on ${params.topic} ${MODE_LABELS[params.mode]}: ${changed} partition${changed === 1 ? "" : "s"} change, ${fmtInt(skipped)} skipped, ${fmtInt(replayed)} replayed`;
  return { kind: "reset-offsets", groupId: params.groupId, topic: params.topic, mode: params.mode, rows, skipped, replayed, activeMembers: facts.activeMembers, groupState: facts.groupState, warnings, summary };
}

const msLabel = (v: string | null) => {
  if (v === null) return "unset";
  const n = Number(v);
  return n < 0 ? "forever (-1)" : `${v} ms (${formatDuration(n / 1000)})`;
};

export function planRetention(params: Extract<ActionParams, { kind: "change-retention" }>, configs: ConfigFact[]): DryRun {
  if (!Number.isInteger(params.retentionMs) || (params.retentionMs < 1 && params.retentionMs !== -1)) throw new PlanError("retention.ms must be a positive number of milliseconds, or -1 for forever");
  const current = configs.find((c) => c.name === "retention.ms");
  const before = current?.value ?? null;
  const after = String(params.retentionMs);
  const keptOverrides: Record<string, string> = {};
  for (const c of configs) if (c.source === "DYNAMIC_TOPIC_CONFIG" && c.name !== "retention.ms" && c.value !== null) keptOverrides[c.name] = c.value;
  const warnings: string[] = [];
  const b = before === null ? null : Number(before);
  const shortens = b !== null && (b < 0 ? params.retentionMs >= 0 : params.retentionMs >= 0 && params.retentionMs < b);
  if (shortens) warnings.push(`Shortening retention deletes every record older than ${formatDuration(params.retentionMs / 1000)} at the next cleanup, including records consumer groups have not read yet.`);
  else warnings.push("Longer retention grows the logs on every replica's disk: check broker free space.");
  const kept = Object.keys(keptOverrides);
  if (kept.length) warnings.push(`The other topic overrides stay as they are: ${kept.join(", ")} (read-modify-write of the whole set).`);
  return {
    kind: "change-retention", topic: params.topic,
    changes: [{ key: "retention.ms", before, beforeSource: current?.source ?? "DEFAULT_CONFIG", after }],
    keptOverrides, warnings,
    summary: `${params.topic} retention.ms: ${msLabel(before)} → ${msLabel(after)}`,
  };
}

export function planPartitions(params: Extract<ActionParams, { kind: "add-partitions" }>, currentCount: number): DryRun {
  if (params.count <= currentCount) throw new PlanError(`${params.topic} already has ${currentCount} partitions; Kafka can only add (ask for more than ${currentCount})`);
  return {
    kind: "add-partitions", topic: params.topic, before: currentCount, after: params.count,
    warnings: [
      "Key-to-partition mapping changes: records with the same key may go to a different partition from now on, breaking per-key ordering across the change and moving keyed state.",
      "Irreversible: Kafka cannot remove partitions. The only way back is recreating the topic.",
      "Consumer groups rebalance to pick up the new partitions; groups with auto.offset.reset=latest may miss records written to them before they join.",
    ],
    summary: `${params.topic}: ${currentCount} → ${params.count} partitions`,
  };
}

/** Every guarded action changes the recovery surface: high blast radius, second-person approval. */
export function blastRadiusOf(dry: DryRun): BlastRadius {
  switch (dry.kind) {
    case "reset-offsets":
      return { level: "high", why: dry.skipped > 0 ? `skips ${fmtInt(dry.skipped)} record${dry.skipped === 1 ? "" : "s"} for ${dry.groupId}` : dry.replayed > 0 ? `replays ${fmtInt(dry.replayed)} records for ${dry.groupId}` : `moves ${dry.groupId}'s progress markers` };
    case "change-retention":
      return { level: "high", why: "retention decides what data exists for recovery; shortening deletes data" };
    case "add-partitions":
      return { level: "high", why: "irreversible; key-to-partition mapping changes" };
  }
}

export function needsSecondPerson(blast: BlastRadius): boolean {
  return blast.level === "high";
}

export function rollbackRecipe(dry: DryRun): RollbackRecipe {
  switch (dry.kind) {
    case "reset-offsets": {
      const offsets: Record<string, number> = {};
      for (const r of dry.rows) if (r.current !== null && r.effect !== "unchanged") offsets[String(r.partition)] = r.current;
      const none = dry.rows.filter((r) => r.current === null).map((r) => r.partition);
      const list = Object.entries(offsets).map(([p, o]) => `p${p}→${o}`).join(", ");
      return {
        kind: "restore-offsets", automatic: true, groupId: dry.groupId, topic: dry.topic, offsets,
        description: `Reset ${dry.groupId} on ${dry.topic} back to the offsets before the action (${list || "none changed"}), again only while the group has no active members.${none.length ? ` Partitions ${none.join(", ")} had no committed offset before; they keep the new one.` : ""} Records processed meanwhile are processed again.`,
      };
    }
    case "change-retention": {
      const changes: Record<string, string | null> = {};
      for (const c of dry.changes) changes[c.key] = c.beforeSource === "DYNAMIC_TOPIC_CONFIG" ? c.before : null;
      return {
        kind: "restore-config", automatic: true, topic: dry.topic, changes,
        description: `Set ${dry.topic} ${dry.changes.map((c) => `${c.key} back to ${c.beforeSource === "DYNAMIC_TOPIC_CONFIG" ? c.before : "the broker default (remove the override)"}`).join(", ")}. Records deleted while retention was shorter do not come back.`,
      };
    }
    case "add-partitions":
      return { kind: "manual", automatic: false, description: `Kafka cannot remove partitions: going back to ${dry.before} means creating a new topic with ${dry.before} partitions, moving producers and consumers to it, and deleting ${dry.topic}. Not automated.` };
  }
}

/** The mitigation id an action stands for, to warn when it is the wrong approach for a cause. */
export function mitigationOf(params: ActionParams): MitigationId {
  if (params.kind === "reset-offsets") return params.mode === "skip-one" ? "isolate-poison" : "reset-offsets";
  if (params.kind === "change-retention") return "extend-retention";
  return "add-partitions";
}

export function wrongApproachWarnings(params: ActionParams, leafIds: string[]): string[] {
  const m = mitigationOf(params);
  return leafIds.map((id) => wrongMitigationWarning(id, m)).filter((w): w is string => w !== null);
}

/** The offsets to commit for a reset (only partitions that change). */
export function offsetsToCommit(dry: Extract<DryRun, { kind: "reset-offsets" }>): Record<number, number> {
  const out: Record<number, number> = {};
  for (const r of dry.rows) if (r.effect !== "unchanged") out[r.partition] = r.target;
  return out;
}

/** Kafka's state read back after execution, compared with what the dry run promised. */
export type ReadBack =
  | { kind: "reset-offsets"; rows: { partition: number; before: number | null; expected: number; after: number | null; moved: number | null; ok: boolean }[]; ok: boolean }
  | { kind: "change-retention"; before: Record<string, string>; after: Record<string, string>; ok: boolean; lostOverrides: string[] }
  | { kind: "add-partitions"; before: number; after: number; ok: boolean };

export function compareOffsets(dry: Extract<DryRun, { kind: "reset-offsets" }>, after: Record<number, number | null>): ReadBack {
  const rows = dry.rows.map((r) => {
    const a = after[r.partition] ?? null;
    return { partition: r.partition, before: r.current, expected: r.target, after: a, moved: a !== null && r.current !== null ? a - r.current : null, ok: a === r.target };
  });
  return { kind: "reset-offsets", rows, ok: rows.every((r) => r.ok) };
}

export function compareConfigs(dry: Extract<DryRun, { kind: "change-retention" }>, before: Record<string, string>, after: Record<string, string>): ReadBack {
  const lostOverrides = Object.keys(dry.keptOverrides).filter((k) => after[k] !== dry.keptOverrides[k]);
  const ok = dry.changes.every((c) => after[c.key] === c.after) && lostOverrides.length === 0;
  return { kind: "change-retention", before, after, ok, lostOverrides };
}
