/**
 * Builds the mitigation checklist of an incident from its likely and confirmed causes (seed 000's
 * five controls, the guarded Kafka mitigations the causes call for, seed 002's restart/replay
 * runbook) and evaluates every item's preconditions against live evidence signals. Pure.
 */
import { LEAVES, MITIGATIONS, leafById, wrongMitigationWarning, type MitigationId } from "@/lib/domain/diagnosis/tree";
import type { EvidenceSignals, GroupSignals, TopicSignals } from "@/lib/domain/evidence/signal-types";
import { fmtInt, fmtRate } from "./format";
import { formatDuration } from "@/lib/domain/metrics/durations";
import type { ActionKind, BlastRadius, CauseInput, ChecklistItem, ChecklistSection, Precondition } from "./types";

export interface ChecklistInput {
  causes: CauseInput[];
  /** live signals of the incident's scope; null when Kafka could not be read */
  signals: EvidenceSignals | null;
  scope: { topics: string[]; groups: string[] };
}

interface Ctx {
  signals: EvidenceSignals | null;
  group: GroupSignals | null;
  topic: TopicSignals | null;
  causeIds: Set<string>;
}

interface ItemDef {
  id: string;
  section: ChecklistSection;
  title: string;
  /** the item is on the list when a cause names one of these mitigations */
  mitigations: MitigationId[];
  blastRadius: BlastRadius;
  needsHumanConfirmation: boolean;
  stopConditions: string[];
  action: ActionKind | null;
  preconditions: (ctx: Ctx) => Precondition[];
}

const p = (id: string, label: string, status: Precondition["status"], current: string, stop = false): Precondition => ({ id, label, status, current, stop });
const noEvidence = (id: string, label: string) => p(id, label, "unknown", "no live evidence: the incident names no matching consumer group or topic, or Kafka is unreachable");

function scalingParallelism(ctx: Ctx): Precondition {
  const g = ctx.group;
  const label = "Enough partitions for more consumers";
  if (!g) return noEvidence("parallelism", label);
  const { partitionCount: parts, memberCount: members } = g;
  if (members < parts) {
    return p("parallelism", label, "pass", `${parts} partitions, ${members} active consumer${members === 1 ? "" : "s"}: scaling helps up to ${parts}`);
  }
  const idle = g.idleMembers > 0 ? ` (${g.idleMembers} already idle)` : "";
  return p("parallelism", label, "fail", `${parts} partitions, ${members} active consumers${idle}: more consumers would sit idle; add partitions first`);
}

function lagConcentration(ctx: Ctx): Precondition | null {
  const g = ctx.group;
  if (!g || g.totalLag <= 0) return null;
  const top = [...g.partitions].sort((a, b) => (b.lagShare ?? 0) - (a.lagShare ?? 0))[0];
  if (!top || (top.lagShare ?? 0) < 0.6) return p("spread", "Lag spread across partitions", "pass", `largest partition share of lag ${Math.round((top?.lagShare ?? 0) * 100)}%`);
  return p("spread", "Lag spread across partitions", "warn", `partition ${top.partition} holds ${Math.round((top.lagShare ?? 0) * 100)}% of the lag: one consumer reads it, more consumers will not drain it faster`);
}

function sinkCapacity(ctx: Ctx): Precondition {
  if (ctx.causeIds.has("consumer.sink-bottleneck")) {
    return p("sink", "The sink can accept more writes", "fail", "the sink is a likely cause: more consumers push harder on a saturated sink");
  }
  return p("sink", "The sink can accept more writes", "unknown", "ask the sink owner: database/API latency and throttling are not visible from Kafka");
}

function inputVsBaseline(ctx: Ctx): Precondition {
  const t = ctx.topic;
  const label = "Input is above its baseline";
  if (!t || t.recentInputRatePerSec === null) return noEvidence("input", label);
  const now = fmtRate(t.recentInputRatePerSec);
  if (t.inputChangeRatio === null || t.baselineInputRatePerSec === null) return p("input", label, "unknown", `input ${now}; no baseline in the evidence window`);
  const ratio = `${(Math.round(t.inputChangeRatio * 10) / 10).toString()}x its baseline of ${fmtRate(t.baselineInputRatePerSec)}`;
  return t.inputChangeRatio >= 1.5
    ? p("input", label, "pass", `input ${now}, ${ratio}`)
    : p("input", label, "warn", `input ${now}, ${ratio}: throttling would shed normal traffic`);
}

function brokerTrouble(ctx: Ctx): Precondition {
  const s = ctx.signals;
  const label = "Broker or network capacity is the leading signal";
  if (!s) return noEvidence("brokers", label);
  const c = s.cluster;
  const parts = [
    c.brokersLeft.length ? `${c.brokersLeft.length} broker${c.brokersLeft.length === 1 ? "" : "s"} left` : "",
    c.underReplicated.length ? `${c.underReplicated.length} partitions under-replicated` : "",
    c.offlinePartitions.length ? `${c.offlinePartitions.length} partitions offline` : "",
    c.underMinIsr.length ? `${c.underMinIsr.length} partitions under min.insync.replicas` : "",
  ].filter(Boolean);
  return parts.length
    ? p("brokers", label, "pass", `${parts.join(", ")} (${c.brokerIds.length} brokers now)`)
    : p("brokers", label, "warn", `no broker left and no replication trouble in the evidence (${c.brokerIds.length} brokers): capacity may not be the constraint`);
}

function stalledPartition(ctx: Ctx): Precondition {
  const g = ctx.group;
  const label = "One partition is stuck while the others move";
  if (!g) return noEvidence("stalled", label);
  const stuck = g.partitions.filter((x) => x.committedFrozen && (x.lag ?? 0) > 0);
  const moving = g.partitions.filter((x) => !x.committedFrozen);
  const first = stuck[0];
  if (first && moving.length > 0) {
    return p("stalled", label, "pass", `partition ${first.partition} of ${first.topic} stuck at offset ${first.committedOffset ?? "none"} for ${formatDuration(first.committedUnchangedMs / 1000)} while ${moving.length} other partition${moving.length === 1 ? "" : "s"} move`);
  }
  return p("stalled", label, "unknown", stuck.length ? `${stuck.length} partitions stuck and none moving: looks like a stopped group, not a poison record` : "no partition is stuck in the evidence window");
}

function activeMembers(ctx: Ctx): Precondition {
  const g = ctx.group;
  const label = "The group has no active members (Kafka allows offset changes only then)";
  if (!g) return noEvidence("members", label);
  return g.memberCount === 0
    ? p("members", label, "pass", `group ${g.groupId} is ${g.state} with no members`)
    : p("members", label, "warn", `group ${g.groupId} has ${g.memberCount} active member${g.memberCount === 1 ? "" : "s"}: stop its consumers before changing offsets`);
}

const ownerApproval = () => p("owner", "The data owner approves skipping or replaying records", "unknown", "record the data owner's decision in the log; offsets are progress markers, not correctness markers");

/** Seconds of data the group needs to re-read from its committed offset (its oldest unread record's age). */
function replayNeedSeconds(g: GroupSignals | null): number | null {
  return g?.maxTimeLagSeconds ?? null;
}

function retentionForReplay(ctx: Ctx): Precondition {
  const label = "Kafka still retains the input the recovery needs";
  const g = ctx.group;
  const t = ctx.topic;
  if (!g || !t) return noEvidence("retention", label);
  const lost = g.partitions.reduce((n, x) => n + (x.retention.kind === "lost" ? x.retention.recordsLost : 0), 0);
  if (lost > 0) return p("retention", label, "fail", `${fmtInt(lost)} records were deleted before the group read them: Kafka cannot be the source for that repair; stop and escalate`, true);
  const need = replayNeedSeconds(g);
  const keeps = t.retentionMs !== null && t.retentionMs >= 0 && t.deletesByTime ? t.retentionMs / 1000 : null;
  const expiring = g.partitions.find((x) => x.retention.kind === "expires-before-drain");
  if (expiring && expiring.retention.kind === "expires-before-drain") {
    const drain = expiring.retention.secondsToDrain;
    return { ...p("retention", label, "fail", `the oldest unread record on partition ${expiring.partition} expires in ${formatDuration(expiring.retention.secondsUntilExpiry)}, the drain needs ${drain === null ? "longer (not draining)" : formatDuration(drain)}: extend retention first or stop and escalate`, true), forecast: true };
  }
  if (keeps === null) return p("retention", label, "pass", `${t.name} does not delete by time${need !== null ? `; the replay needs ${formatDuration(need)}` : ""}`);
  if (need === null) return p("retention", label, "unknown", `retention keeps ${formatDuration(keeps)} of data; the replay window is unknown (no time lag yet)`);
  if (need > keeps) return p("retention", label, "fail", `retention keeps ${formatDuration(keeps)} of data, the replay needs ${formatDuration(need)}: stop and escalate`, true);
  return p("retention", label, need > keeps * 0.8 ? "warn" : "pass", `retention keeps ${formatDuration(keeps)} of data, the replay needs ${formatDuration(need)}`);
}

function clusterHealthy(ctx: Ctx): Precondition {
  const s = ctx.signals;
  const label = "The cluster can absorb catch-up reads";
  if (!s) return noEvidence("cluster", label);
  const c = s.cluster;
  const trouble = c.offlinePartitions.length + c.underReplicated.length + c.brokersLeft.length;
  return trouble
    ? p("cluster", label, "fail", `${c.offlinePartitions.length} offline, ${c.underReplicated.length} under-replicated partitions, ${c.brokersLeft.length} brokers left: catch-up reads would add load to a degraded cluster`, true)
    : p("cluster", label, "pass", `${c.brokerIds.length} broker${c.brokerIds.length === 1 ? "" : "s"}, no offline or under-replicated partitions`);
}

function recoveryUnit(ctx: Ctx): Precondition {
  const g = ctx.group;
  if (!g) return p("unit", "The recovery unit is named", "unknown", "name the consumer group / application id / connector and its output target");
  return p("unit", "The recovery unit is named", "pass", `group ${g.groupId} reading ${g.topics.join(", ")} (${g.partitionCount} partitions, ${g.memberCount} members, ${g.state})`);
}

function committedPoint(ctx: Ctx): Precondition {
  const g = ctx.group;
  if (!g) return noEvidence("point", "The recovery point is known");
  const list = g.partitions.slice(0, 6).map((x) => `p${x.partition} ${x.committedOffset ?? "none"}`).join(", ");
  return p("point", "The recovery point is known", "pass", `committed offsets: ${list}${g.partitions.length > 6 ? ", …" : ""}`);
}

function lagTrend(ctx: Ctx): Precondition {
  const g = ctx.group;
  if (!g) return noEvidence("trend", "Lag falls after the action");
  if (g.drain === "caught-up") return p("trend", "Lag falls after the action", "pass", "caught up: lag 0");
  if (g.lagGrowthPerSec === null) return p("trend", "Lag falls after the action", "unknown", `lag ${fmtInt(g.totalLag)}; trend unknown`);
  return g.lagGrowthPerSec < 0
    ? p("trend", "Lag falls after the action", "pass", `lag ${fmtInt(g.totalLag)} falling ${fmtRate(-g.lagGrowthPerSec)}`)
    : p("trend", "Lag falls after the action", "fail", `lag ${fmtInt(g.totalLag)} growing ${fmtRate(g.lagGrowthPerSec)}`);
}

function retentionHeadroom(ctx: Ctx): Precondition {
  const t = ctx.topic;
  const g = ctx.group;
  const label = "Longer retention covers the backlog";
  if (!t) return noEvidence("retention-need", label);
  const keeps = t.retentionMs !== null && t.retentionMs >= 0 ? formatDuration(t.retentionMs / 1000) : "forever";
  const need = replayNeedSeconds(g);
  const drain = g?.timeToDrainSeconds ?? null;
  const status = g?.partitions.some((x) => x.retention.kind === "expires-before-drain" || x.retention.kind === "lost") ? "pass" : "warn";
  return p("retention-need", label, status, `retention keeps ${keeps}; oldest unread record ${need === null ? "age unknown" : `${formatDuration(need)} old`}; drain ${drain === null ? "not draining" : `in ${formatDuration(drain)}`}`);
}

const diskQuestion = () => p("disk", "Partition owners have the disk for it", "unknown", "longer retention grows the logs on every replica's broker-local disk: check free space first");

function keyMapping(ctx: Ctx): Precondition {
  const t = ctx.topic;
  const now = t ? `${t.partitionCount} partitions now` : "partition count unknown";
  return p("keys", "Producers and consumers tolerate a new key → partition mapping", "warn", `${now}; adding partitions changes which partition each key maps to: per-key ordering breaks across the change and keyed state moves`);
}

function recentChanges(ctx: Ctx): Precondition {
  const s = ctx.signals;
  const label = "A recent change lines up with the start";
  if (!s) return noEvidence("change", label);
  const changes = s.cluster.configChanges;
  const first = changes[0];
  if (first) return p("change", label, "pass", `${changes.length} config change${changes.length === 1 ? "" : "s"} in the window, e.g. ${first.topic} ${first.key}: ${first.from ?? "default"} → ${first.to ?? "default"}`);
  const deploy = ctx.causeIds.has("change.bad-deploy") || ctx.causeIds.has("change.schema-incompatible");
  return p("change", label, deploy ? "pass" : "unknown", deploy ? "a deploy or schema change on the timeline lines up with the lag start" : "no config change in the evidence window; check deploys and schema changes");
}

const CONTROLS: ItemDef[] = [
  { id: "control.throttle-producers", section: "control", title: "Throttle non-critical producers", mitigations: ["throttle-producers", "buffer-upstream"],
    blastRadius: { level: "medium", why: "pushes backpressure into the producing applications and their callers" }, needsHumanConfirmation: true,
    stopConditions: [], action: null, preconditions: (c) => [inputVsBaseline(c), p("critical", "The throttled producers are non-critical", "unknown", "name them; throttling a critical producer moves the incident to its users")] },
  { id: "control.scale-consumers", section: "control", title: "Scale the constrained consumer", mitigations: ["scale-consumers"],
    blastRadius: { level: "low", why: "a rebalance pauses the group for a moment" }, needsHumanConfirmation: false,
    stopConditions: [], action: null, preconditions: (c) => [scalingParallelism(c), lagConcentration(c), sinkCapacity(c)].filter((x): x is Precondition => x !== null) },
  { id: "control.add-capacity", section: "control", title: "Add broker or network capacity", mitigations: ["add-broker-capacity", "restore-broker"],
    blastRadius: { level: "medium", why: "new brokers take no load until partitions move to them; moving data loads disks that may already be saturated" }, needsHumanConfirmation: true,
    stopConditions: [], action: null, preconditions: (c) => [brokerTrouble(c), p("storage", "Storage is not the bottleneck", "unknown", "compare disk/WAL latency with CPU and network: adding brokers does not fix storage or controller churn")] },
  { id: "control.isolate-poison", section: "control", title: "Isolate the poison record", mitigations: ["isolate-poison"],
    blastRadius: { level: "high", why: "skipping a record changes what the downstream sees; an offset change needs data-owner approval" }, needsHumanConfirmation: true,
    stopConditions: ["the record's content and owner are unknown", "the data owner has not approved skipping it"], action: "reset-offsets",
    preconditions: (c) => [stalledPartition(c), activeMembers(c), ownerApproval()] },
  { id: "control.rollback-change", section: "control", title: "Roll back the smallest recent change that lines up with the start", mitigations: ["rollback-change"],
    blastRadius: { level: "medium", why: "offsets, checkpoints, schemas and retained data keep moving: define valid offsets and duplicate handling first" }, needsHumanConfirmation: true,
    stopConditions: ["output idempotence or duplicate handling is unknown"], action: null, preconditions: (c) => [recentChanges(c)] },
];

const GUARDED: ItemDef[] = [
  { id: "action.extend-retention", section: "cause", title: "Extend retention on the topic", mitigations: ["extend-retention", "free-storage"],
    blastRadius: { level: "high", why: "changes the recovery surface: more disk on every replica, or data deleted when shortened" }, needsHumanConfirmation: true,
    stopConditions: ["brokers lack disk for the longer retention"], action: "change-retention", preconditions: (c) => [retentionHeadroom(c), diskQuestion()] },
  { id: "action.add-partitions", section: "cause", title: "Add partitions to the topic", mitigations: ["add-partitions", "rekey"],
    blastRadius: { level: "high", why: "irreversible (Kafka cannot remove partitions) and keys map to new partitions" }, needsHumanConfirmation: true,
    stopConditions: ["a consumer relies on per-key ordering across the change"], action: "add-partitions", preconditions: (c) => [keyMapping(c), scalingParallelism(c)] },
];

const RUNBOOK: ItemDef[] = [
  { id: "runbook.recovery-unit", section: "runbook", title: "Identify the recovery unit", mitigations: [], blastRadius: { level: "low", why: "read only" }, needsHumanConfirmation: false,
    stopConditions: [], action: null, preconditions: (c) => [recoveryUnit(c), p("output", "The output target is named", "unknown", "which table, index or topic the unit writes to")] },
  { id: "runbook.input-availability", section: "runbook", title: "Confirm input availability", mitigations: [], blastRadius: { level: "low", why: "read only" }, needsHumanConfirmation: false,
    stopConditions: ["input retention is shorter than the replay window", "schema compatibility is uncertain", "an upstream correction is pending"], action: null,
    preconditions: (c) => [retentionForReplay(c), p("schema", "Schemas are compatible", "unknown", "confirm no incompatible schema change is pending upstream")] },
  { id: "runbook.recovery-point", section: "runbook", title: "Choose the recovery point", mitigations: [], blastRadius: { level: "low", why: "a decision, recorded in the log" }, needsHumanConfirmation: false,
    stopConditions: ["output idempotence is uncertain"], action: null,
    preconditions: (c) => [committedPoint(c), p("idempotent", "Output is idempotent or duplicates are handled", "unknown", "append-only outputs duplicate on replay")] },
  { id: "runbook.protect-live", section: "runbook", title: "Protect live traffic", mitigations: [], blastRadius: { level: "medium", why: "catch-up reads compete with live producers and consumers" }, needsHumanConfirmation: false,
    stopConditions: ["the cluster is degraded (offline or under-replicated partitions)"], action: null, preconditions: (c) => [clusterHealthy(c)] },
  { id: "runbook.execute", section: "runbook", title: "Execute the restart or replay (processor-native first; offsets reset only with data-owner approval)", mitigations: [],
    blastRadius: { level: "high", why: "an offset reset skips or replays records: duplicates or gaps downstream" }, needsHumanConfirmation: true,
    stopConditions: ["the data owner has not approved an offset reset"], action: "reset-offsets", preconditions: (c) => [activeMembers(c), ownerApproval()] },
  { id: "runbook.verify", section: "runbook", title: "Verify correctness", mitigations: [], blastRadius: { level: "low", why: "read only" }, needsHumanConfirmation: false,
    stopConditions: [], action: null, preconditions: (c) => [lagTrend(c), p("sample", "Sampled output matches input; error topics are quiet", "unknown", "compare a sample of input and output")] },
  { id: "runbook.close", section: "runbook", title: "Close or roll back", mitigations: [], blastRadius: { level: "low", why: "documentation" }, needsHumanConfirmation: false,
    stopConditions: [], action: null, preconditions: () => [p("record", "Final offsets, checkpoints, output repairs and temporary capacity are recorded", "unknown", "write them in the log before closing")] },
];

/** Causes whose recovery involves restarting or replaying a consumer/processor (seed 002). */
const RUNBOOK_BRANCHES = new Set(["consumer", "processor", "sink"]);
const RUNBOOK_LEAVES = new Set(["topic.retention-too-short", "change.schema-incompatible", "change.bad-deploy"]);

function pickGroup(signals: EvidenceSignals | null, scope: ChecklistInput["scope"]): GroupSignals | null {
  if (!signals) return null;
  for (const id of scope.groups) {
    const g = signals.groups.find((x) => x.groupId === id);
    if (g) return g;
  }
  return signals.groups.find((g) => g.topics.some((t) => scope.topics.includes(t))) ?? null;
}

function pickTopic(signals: EvidenceSignals | null, scope: ChecklistInput["scope"], group: GroupSignals | null): TopicSignals | null {
  if (!signals) return null;
  const names = [...scope.topics, ...(group?.topics ?? [])];
  for (const n of names) {
    const t = signals.topics.find((x) => x.name === n);
    if (t) return t;
  }
  return null;
}

function verdictOf(pre: Precondition[]): ChecklistItem["verdict"] {
  if (pre.some((x) => x.stop && x.status === "fail")) return "stop";
  if (pre.some((x) => x.status === "fail" || x.status === "unknown")) return "check";
  return "go";
}

export function buildChecklist(input: ChecklistInput): ChecklistItem[] {
  const ranked = [...input.causes].filter((c) => leafById(c.leafId)).sort((a, b) => Number(b.confirmed) - Number(a.confirmed) || b.score - a.score || a.leafId.localeCompare(b.leafId));
  const group = pickGroup(input.signals, input.scope);
  const ctx: Ctx = { signals: input.signals, group, topic: pickTopic(input.signals, input.scope, group), causeIds: new Set(ranked.map((c) => c.leafId)) };
  const noCauses = ranked.length === 0;

  const causesFor = (def: ItemDef) => ranked.filter((c) => leafById(c.leafId)?.mitigations.some((m) => def.mitigations.includes(m))).map((c) => c.leafId);
  const warningsFor = (def: ItemDef) => {
    const out: string[] = [];
    for (const c of ranked) for (const m of def.mitigations) {
      const w = wrongMitigationWarning(c.leafId, m);
      if (w && !out.includes(w)) out.push(w);
    }
    if (def.action === "reset-offsets") for (const c of ranked) {
      const w = wrongMitigationWarning(c.leafId, "reset-offsets");
      if (w && !out.includes(w)) out.push(w);
    }
    return out;
  };
  const item = (def: ItemDef, causes: string[], why: string): ChecklistItem => {
    const preconditions = def.preconditions(ctx);
    return {
      id: def.id, section: def.section, title: def.title, why, causes, mitigations: def.mitigations, preconditions,
      blastRadius: def.blastRadius, needsHumanConfirmation: def.needsHumanConfirmation, warnings: warningsFor(def),
      stopConditions: def.stopConditions, action: def.action, verdict: verdictOf(preconditions),
    };
  };
  const titles = (ids: string[]) => ids.map((id) => `${leafById(id)?.title ?? id}${ranked.find((c) => c.leafId === id)?.confirmed ? " (confirmed)" : ""}`).join(", ");

  const out: ChecklistItem[] = [];
  for (const def of [...CONTROLS, ...GUARDED]) {
    const causes = causesFor(def);
    if (causes.length) out.push(item(def, causes, `helps with ${titles(causes)}`));
    else if (noCauses && def.section === "control") out.push(item(def, [], "no cause ranked yet: one of the five controls that stop the damage whatever the cause"));
  }
  // Other mitigations the causes name, as plain items (no guarded action behind them).
  const covered = new Set<MitigationId>([...CONTROLS, ...GUARDED].flatMap((d) => d.mitigations));
  for (const c of ranked) {
    for (const m of leafById(c.leafId)?.mitigations ?? []) {
      if (covered.has(m)) continue;
      covered.add(m);
      const causes = ranked.filter((x) => leafById(x.leafId)?.mitigations.includes(m)).map((x) => x.leafId);
      out.push(item({ id: `mitigation.${m}`, section: "cause", title: MITIGATIONS[m], mitigations: [m], blastRadius: { level: "low", why: "no Kafka change from the dashboard" },
        needsHumanConfirmation: false, stopConditions: [], action: null, preconditions: () => [] }, causes, `helps with ${titles(causes)}`));
    }
  }
  const runbookCauses = ranked.filter((c) => { const l = leafById(c.leafId); return l && (RUNBOOK_BRANCHES.has(l.branch) || RUNBOOK_LEAVES.has(l.id)); }).map((c) => c.leafId);
  if (runbookCauses.length || noCauses) {
    const why = runbookCauses.length ? `restart/replay recovery for ${titles(runbookCauses)}` : "restart/replay runbook, in case the cause needs a consumer restarted or records replayed";
    for (const def of RUNBOOK) out.push(item(def, runbookCauses, why));
  }
  return out;
}

/** Every id buildChecklist can give an item: an update naming any other id is for no item (404). */
export const KNOWN_ITEM_IDS: ReadonlySet<string> = new Set([...[...CONTROLS, ...GUARDED, ...RUNBOOK].map((d) => d.id), ...Object.keys(MITIGATIONS).map((m) => `mitigation.${m}`)]);

/** Every leaf id the checklist knows (for tests and the API's validation). */
export const KNOWN_LEAF_IDS: readonly string[] = LEAVES.map((l) => l.id);

/** The title of a checklist item by its id, for log entries that name only the id. */
export function checklistItemTitle(id: string): string {
  const def = [...CONTROLS, ...GUARDED, ...RUNBOOK].find((d) => d.id === id);
  if (def) return def.title;
  const mitigation = id.startsWith("mitigation.") ? (MITIGATIONS as Record<string, string>)[id.slice("mitigation.".length)] : undefined;
  return mitigation ?? id;
}
