import { describe, expect, it } from "vitest";
import { computeSignals } from "@/lib/domain/evidence/signals";
import { buildHistory } from "@/lib/domain/testing/fixtures";
import * as S from "@/lib/domain/testing/scenarios";
import { blastRadiusOf, compareConfigs, compareOffsets, needsSecondPerson, offsetsToCommit, planPartitions, planReset, planRetention, PlanError, rollbackRecipe, wrongApproachWarnings, type ResetFacts } from "./actions";
import { buildChecklist, KNOWN_ITEM_IDS, KNOWN_LEAF_IDS } from "./checklist";
import { deriveItemStatuses, validateItemUpdate } from "./item-state";
import { verifyRecovery } from "./verify";

const cause = (leafId: string, score = 0.8, confirmed = false) => ({ leafId, score, confirmed });

describe("checklist generation", () => {
  it("lists seed 000 controls for the causes and evaluates scaling against partitions and members", () => {
    // 12 partitions, 4 consumers, lag growing: slow processing
    const h = buildHistory({
      samples: 6,
      topics: [{ name: "orders", partitions: 12, produce: () => 100 }],
      groups: [{ id: "billing", topic: "orders", consume: () => 80, members: () => [0, 1, 2, 3].map((m) => ({ id: `m${m}`, partitions: [m * 3, m * 3 + 1, m * 3 + 2] })) }],
    });
    const items = buildChecklist({ causes: [cause("consumer.slow-processing")], signals: computeSignals(h), scope: { topics: ["orders"], groups: ["billing"] } });
    const scale = items.find((i) => i.id === "control.scale-consumers");
    expect(scale?.preconditions.find((p) => p.id === "parallelism")).toMatchObject({ status: "pass", current: "12 partitions, 4 active consumers: scaling helps up to 12" });
    expect(scale?.blastRadius.level).toBe("low");
    // the restart/replay runbook comes with a consumer cause, all seven steps in order
    expect(items.filter((i) => i.section === "runbook").map((i) => i.id)).toEqual([
      "runbook.recovery-unit", "runbook.input-availability", "runbook.recovery-point", "runbook.protect-live", "runbook.execute", "runbook.verify", "runbook.close",
    ]);
    expect(items.find((i) => i.id === "runbook.execute")).toMatchObject({ action: "reset-offsets", needsHumanConfirmation: true, blastRadius: { level: "high" } });
  });

  it("fails the scaling precondition when every partition already has a consumer", () => {
    const items = buildChecklist({ causes: [cause("consumer.slow-processing")], signals: computeSignals(S.insufficientPartitions()), scope: { topics: [], groups: ["sessionizer"] } });
    const pre = items.find((i) => i.id === "control.scale-consumers")?.preconditions.find((p) => p.id === "parallelism");
    expect(pre?.status).toBe("fail");
    expect(pre?.current).toMatch(/more consumers would sit idle/);
  });

  it("says stop and escalate when retention is shorter than the replay window", () => {
    // retention 6 h; the group's oldest unread record is 9 h old
    const hour = 3_600_000;
    const h = buildHistory({
      samples: 4, intervalMs: hour * 3, startMs: Date.UTC(2025, 0, 15, 0, 0, 0),
      topics: [{ name: "orders", partitions: 1, produce: () => 1000, configs: () => ({ "retention.ms": String(6 * hour), "cleanup.policy": "delete" }) }],
      groups: [{ id: "billing", topic: "orders", consume: () => 0, initialCommitted: (_p, e) => e }],
    });
    const sig = computeSignals(h);
    const g = sig.groups[0];
    if (g) g.maxTimeLagSeconds = 9 * 3600; // force the measured time lag to exactly 9 h
    for (const p of g?.partitions ?? []) p.retention = { kind: "safe", secondsUntilExpiry: 100, secondsToDrain: null };
    const items = buildChecklist({ causes: [cause("consumer.stopped")], signals: sig, scope: { topics: ["orders"], groups: ["billing"] } });
    const input = items.find((i) => i.id === "runbook.input-availability");
    expect(input?.preconditions[0]).toMatchObject({ status: "fail", stop: true, current: "retention keeps 6 h of data, the replay needs 9 h: stop and escalate" });
    expect(input?.verdict).toBe("stop");
    expect(input?.stopConditions).toContain("input retention is shorter than the replay window");
  });

  it("reports records already lost as a stop condition", () => {
    const items = buildChecklist({ causes: [cause("topic.retention-too-short")], signals: computeSignals(S.retentionLost()), scope: { topics: [], groups: ["billing"] } });
    expect(items.find((i) => i.id === "runbook.input-availability")?.verdict).toBe("stop");
    expect(items.find((i) => i.id === "action.extend-retention")).toMatchObject({ action: "change-retention", blastRadius: { level: "high" } });
  });

  it("warns about the wrong approach for the cause at hand", () => {
    const items = buildChecklist({ causes: [cause("topic.partition-skew"), cause("consumer.slow-processing", 0.5)], signals: computeSignals(S.skew()), scope: { topics: ["orders"], groups: ["billing"] } });
    const scale = items.find((i) => i.id === "control.scale-consumers");
    expect(scale?.warnings.join(" ")).toMatch(/wrong approach for Hot partition/);
    expect(items.find((i) => i.id === "action.add-partitions")?.preconditions.find((p) => p.id === "keys")?.current).toMatch(/changes which partition each key maps to/);
  });

  it("isolates a poison record: finds the stuck partition and the active-members rule", () => {
    const items = buildChecklist({ causes: [cause("consumer.poison-record", 0.9, true)], signals: computeSignals(S.poison()), scope: { topics: ["orders"], groups: ["billing"] } });
    const iso = items.find((i) => i.id === "control.isolate-poison");
    expect(iso?.why).toMatch(/Poison record \(confirmed\)/);
    expect(iso?.preconditions.find((p) => p.id === "stalled")?.current).toMatch(/^partition 1 of orders stuck at offset 1000/);
    expect(iso?.preconditions.find((p) => p.id === "members")).toMatchObject({ status: "warn" });
  });

  it("falls back to the five controls and the runbook when no cause is ranked, without Kafka", () => {
    const items = buildChecklist({ causes: [], signals: null, scope: { topics: [], groups: [] } });
    expect(items.filter((i) => i.section === "control")).toHaveLength(5);
    expect(items.filter((i) => i.section === "runbook")).toHaveLength(7);
    expect(items.every((i) => i.preconditions.every((p) => p.status !== "pass" || p.id === "record"))).toBe(true);
  });
});

describe("item states from the log", () => {
  const e = (seq: number, payload: unknown, author = "Ann") => ({ seq, kind: "checklist-item-updated", createdAt: new Date(seq * 1000).toISOString(), author: { name: author }, payload });
  it("derives assigned → started → done, skipped and blocked with reasons, newest wins", () => {
    const s = deriveItemStatuses([
      e(3, { itemId: "a", action: "start" }, "Bob"),
      e(1, { itemId: "a", action: "assign", assigneeId: "u1", assigneeName: "Bob" }),
      e(4, { itemId: "b", action: "skip", reason: "not our sink" }),
      e(5, { itemId: "c", action: "block", reason: "waiting for data owner" }),
      e(6, { itemId: "a", action: "done" }),
      { seq: 7, kind: "annotation", createdAt: "", author: { name: "x" }, payload: {} },
    ]);
    expect(s.a).toMatchObject({ state: "done", assigneeName: "Bob", version: 6 });
    expect(s.b).toMatchObject({ state: "skipped", reason: "not our sink" });
    expect(s.c).toMatchObject({ state: "blocked", reason: "waiting for data owner" });
  });
  it("requires a reason to skip or block", () => {
    expect(validateItemUpdate({ action: "skip", reason: "  " })).toMatch(/needs a reason/);
    expect(validateItemUpdate({ action: "block" })).toMatch(/needs a reason/);
    expect(validateItemUpdate({ action: "done" })).toBeNull();
  });
});

const facts = (committed: (number | null)[], members = 0): ResetFacts => ({
  partitions: committed.map((c, i) => ({ partition: i, logStartOffset: 10, logEndOffset: 100, committedOffset: c })),
  activeMembers: members,
  groupState: members ? "Stable" : "Empty",
});

describe("guarded action dry runs", () => {
  it("skip-one skips exactly one record on one partition", () => {
    const dry = planReset({ kind: "reset-offsets", groupId: "g", topic: "t", mode: "skip-one", partition: 1 }, facts([50, 40, 60]));
    if (dry.kind !== "reset-offsets") throw new Error("kind");
    expect(dry.rows).toEqual([{ partition: 1, logStartOffset: 10, logEndOffset: 100, current: 40, target: 41, delta: 1, effect: "skips" }]);
    expect(dry.skipped).toBe(1);
    expect(dry.replayed).toBe(0);
    expect(offsetsToCommit(dry)).toEqual({ 1: 41 });
    expect(rollbackRecipe(dry)).toMatchObject({ kind: "restore-offsets", automatic: true, offsets: { "1": 40 } });
    expect(needsSecondPerson(blastRadiusOf(dry))).toBe(true);
  });
  it("computes skips (+) and replays (−) for earliest, latest, timestamp and offset", () => {
    const f = facts([50, null, 100]);
    const earliest = planReset({ kind: "reset-offsets", groupId: "g", topic: "t", mode: "earliest" }, f);
    if (earliest.kind !== "reset-offsets") throw new Error("kind");
    expect(earliest.rows.map((r) => [r.target, r.delta, r.effect])).toEqual([[10, -40, "replays"], [10, null, "first-commit"], [10, -90, "replays"]]);
    expect(earliest.replayed).toBe(130);
    const latest = planReset({ kind: "reset-offsets", groupId: "g", topic: "t", mode: "latest" }, f);
    if (latest.kind !== "reset-offsets") throw new Error("kind");
    expect(latest.skipped).toBe(50);
    expect(latest.rows[2]?.effect).toBe("unchanged");
    const ts = planReset({ kind: "reset-offsets", groupId: "g", topic: "t", mode: "timestamp", timestampMs: 1 }, { ...f, offsetsAtTime: { 0: 70, 1: null, 2: 80 } });
    if (ts.kind !== "reset-offsets") throw new Error("kind");
    expect(ts.rows.map((r) => r.target)).toEqual([70, 100, 80]);
    expect(() => planReset({ kind: "reset-offsets", groupId: "g", topic: "t", mode: "offset", offset: 5 }, f)).toThrow(PlanError);
  });
  it("says when the group has active members", () => {
    const dry = planReset({ kind: "reset-offsets", groupId: "g", topic: "t", mode: "latest" }, facts([50], 2));
    expect(dry.warnings[0]).toMatch(/only while the group has no active members: group g has 2 active members/);
  });
  it("refuses to skip on a caught-up partition", () => {
    expect(() => planReset({ kind: "reset-offsets", groupId: "g", topic: "t", mode: "skip-one", partition: 0 }, facts([100]))).toThrow(/no record to skip/);
  });
  it("retention: before → after, keeps the other overrides, restores the override on rollback", () => {
    const dry = planRetention({ kind: "change-retention", topic: "t", retentionMs: 86_400_000 }, [
      { name: "retention.ms", value: "3600000", source: "DYNAMIC_TOPIC_CONFIG" },
      { name: "cleanup.policy", value: "delete", source: "DYNAMIC_TOPIC_CONFIG" },
      { name: "max.message.bytes", value: "2000000", source: "DYNAMIC_TOPIC_CONFIG" },
      { name: "segment.ms", value: "604800000", source: "DEFAULT_CONFIG" },
    ]);
    if (dry.kind !== "change-retention") throw new Error("kind");
    expect(dry.changes).toEqual([{ key: "retention.ms", before: "3600000", beforeSource: "DYNAMIC_TOPIC_CONFIG", after: "86400000" }]);
    expect(dry.keptOverrides).toEqual({ "cleanup.policy": "delete", "max.message.bytes": "2000000" });
    expect(rollbackRecipe(dry)).toMatchObject({ kind: "restore-config", changes: { "retention.ms": "3600000" } });
    expect(compareConfigs(dry, {}, { "retention.ms": "86400000", "cleanup.policy": "delete" })).toMatchObject({ ok: false, lostOverrides: ["max.message.bytes"] });
    const shorter = planRetention({ kind: "change-retention", topic: "t", retentionMs: 60_000 }, [{ name: "retention.ms", value: "604800000", source: "DEFAULT_CONFIG" }]);
    expect(shorter.warnings[0]).toMatch(/deletes every record older than 60 s/);
    expect(rollbackRecipe(shorter)).toMatchObject({ changes: { "retention.ms": null } });
  });
  it("add partitions warns about key mapping and cannot be rolled back automatically", () => {
    const dry = planPartitions({ kind: "add-partitions", topic: "t", count: 6 }, 3);
    expect(dry.warnings[0]).toMatch(/Key-to-partition mapping changes/);
    expect(rollbackRecipe(dry).automatic).toBe(false);
    expect(() => planPartitions({ kind: "add-partitions", topic: "t", count: 3 }, 3)).toThrow(/can only add/);
  });
  it("compares the read-back offsets with the plan", () => {
    const dry = planReset({ kind: "reset-offsets", groupId: "g", topic: "t", mode: "skip-one", partition: 0 }, facts([50]));
    if (dry.kind !== "reset-offsets") throw new Error("kind");
    expect(compareOffsets(dry, { 0: 51 })).toMatchObject({ ok: true, rows: [{ before: 50, after: 51, moved: 1 }] });
    expect(compareOffsets(dry, { 0: 50 }).ok).toBe(false);
  });
  it("warns when an action is the wrong approach for a cause", () => {
    expect(wrongApproachWarnings({ kind: "reset-offsets", groupId: "g", topic: "t", mode: "earliest" }, ["topic.retention-too-short"])[0]).toMatch(/wrong approach/);
  });
});

describe("verification before resolve", () => {
  it("passes on a draining, fresh group with no growth over the period", () => {
    // the log starts at 10,000 so that the group's offsets sit above the log start (no record deleted unread)
    const h = buildHistory({ samples: 6, topics: [{ name: "t", partitions: 1, initialEnd: () => 10_000, produce: () => 100 }], groups: [{ id: "g", topic: "t", consume: () => 300, initialCommitted: (_p, e) => e - 3000 }] });
    const sig = computeSignals(h);
    const g = sig.groups[0];
    const v = verifyRecovery({ signals: sig, groups: ["g"], freshnessSloSeconds: 600, noGrowthSeconds: 60, previous: [{ at: sig.takenAt - 120_000, totalLag: { g: 5000 } }, { at: sig.takenAt - 60_000, totalLag: { g: 4000 } }] });
    expect(v.checks.map((c) => c.status)).toEqual(["pass", g?.maxTimeLagSeconds === null ? "unknown" : "pass", "pass"]);
    expect(v.checks[0]?.current).toMatch(/^g: lag 2,000 falling 20 rec\/s/);
    expect(v.sample?.totalLag).toEqual({ g: 2000 });
  });
  it("does not call lag falling while one partition is stuck and the others drain (the severity's 'backlog growing' reads the same)", () => {
    // partition 0 frozen behind a live member (a poison record), partition 1 draining fast: the total falls
    const h = buildHistory({ samples: 8, topics: [{ name: "t", partitions: 2, initialEnd: () => 10_000, produce: () => 10 }], groups: [{ id: "g", topic: "t", consume: (p) => (p === 0 ? 0 : 500), initialCommitted: (_p, e) => e - 4000 }] });
    const sig = computeSignals(h);
    const g = sig.groups[0]!;
    expect(g.status).toBe("stalled");
    expect(g.lagGrowthPerSec ?? 0).toBeLessThan(0);
    const v = verifyRecovery({ signals: sig, groups: ["g"], freshnessSloSeconds: null, noGrowthSeconds: 60, previous: [] });
    expect(v.checks[0]).toMatchObject({ status: "fail" });
    expect(v.checks[0]?.current).toMatch(/consumption stalled/);
  });
  it("is pending until the evidence covers the period, and fails when lag grows", () => {
    const sig = computeSignals(S.slowProcessing());
    const pending = verifyRecovery({ signals: sig, groups: ["billing"], freshnessSloSeconds: null, noGrowthSeconds: 300, previous: [] });
    expect(pending.checks.find((c) => c.id === "no-growth")?.status).toBe("pending");
    expect(pending.checks.find((c) => c.id === "lag-falling")).toMatchObject({ status: "fail" });
    expect(pending.checks.find((c) => c.id === "freshness")?.status).toBe("unknown");
    expect(pending.ready).toBe(false);
    const grew = verifyRecovery({ signals: sig, groups: ["billing"], freshnessSloSeconds: 10, noGrowthSeconds: 60, previous: [{ at: sig.takenAt - 90_000, totalLag: { billing: 10 } }] });
    expect(grew.checks.find((c) => c.id === "no-growth")?.status).toBe("fail");
  });
  it("says why nothing can be checked without Kafka", () => {
    expect(verifyRecovery({ signals: null, groups: ["g"], freshnessSloSeconds: 1, noGrowthSeconds: 1, previous: [] }).checks[0]).toMatchObject({ status: "unknown", current: "Kafka could not be read" });
  });
});

describe("checklist item ids", () => {
  it("every item any cause (or none) puts on the checklist has a known id, and made-up ids are not known", () => {
    const inputs = [[], ...KNOWN_LEAF_IDS.map((leafId) => [leafId])].map((leaves) => ({ causes: leaves.map((leafId) => ({ leafId, score: 1, confirmed: false })), signals: null, scope: { topics: [], groups: [] } }));
    const ids = new Set(inputs.flatMap((input) => buildChecklist(input).map((item) => item.id)));
    expect(ids.size).toBeGreaterThan(10);
    expect([...ids].filter((id) => !KNOWN_ITEM_IDS.has(id))).toEqual([]);
    expect(KNOWN_ITEM_IDS.has("control.nonexistent")).toBe(false);
  });
});
