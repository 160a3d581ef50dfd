import "server-only";
import {
  ACTION_LABELS,
  ACTIVE_MEMBERS_RULE,
  compareConfigs,
  compareOffsets,
  needsSecondPerson,
  offsetsToCommit,
  type DryRun,
  type ReadBack,
} from "@/lib/domain/mitigation/actions";
import { ENTRY_KINDS } from "@/lib/domain/mitigation/types";
import type { Principal } from "@/lib/server/auth/identify";
import { AppError, conflict } from "@/lib/server/http/errors";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { authorOf } from "@/lib/server/incidents/mappers";
import type { KafkaGateway } from "@/lib/server/kafka/gateway";
import { getGateway } from "@/lib/server/kafka/registry";
import type { GuardedActionView } from "@/lib/schemas/mitigation";
import { ApprovalExpired, assertApprovalHolds } from "./approval-policy";
import { assertNoStopCondition } from "./check-stop-conditions";
import { activeMembersOf, readCommittedOffsets, readGroup, readOverrides, readTopic } from "./kafka-reads";
import { loadAction, moveStatus, toView, type ActionRecord } from "./mappers";

const RUNNING = Symbol.for("ripcord.actions.running");
const holder = globalThis as typeof globalThis & { [RUNNING]?: Set<string> };

/** One execution (or rollback) per action at a time, in this process. */
export async function exclusively<T>(actionId: string, fn: () => Promise<T>): Promise<T> {
  const running = (holder[RUNNING] ??= new Set());
  if (running.has(actionId)) throw conflict("this action is being executed right now");
  running.add(actionId);
  try {
    return await fn();
  } finally {
    running.delete(actionId);
  }
}

/** Refuses an offsets change while the group has active members, with Kafka's rule spelled out. */
export async function assertGroupInactive(gateway: KafkaGateway, groupId: string): Promise<void> {
  const g = await readGroup(gateway, groupId);
  const active = activeMembersOf(g);
  if (active > 0) {
    const who = g.members.slice(0, 5).map((m) => m.clientId || m.memberId).join(", ");
    throw new AppError(
      "PRECONDITION_FAILED",
      `refused: group "${groupId}" has ${g.members.length} active member${g.members.length === 1 ? "" : "s"} (state ${g.state}${who ? `; ${who}` : ""}). ${ACTIVE_MEMBERS_RULE}: stop its consumers, then execute again. Nothing was changed in Kafka.`,
      { extra: { kafkaCode: "GROUP_HAS_ACTIVE_MEMBERS", members: g.members.length, state: g.state } },
    );
  }
}

/** Re-checks the live state against the dry run, performs the change, and reads the result back. */
async function perform(gateway: KafkaGateway, dry: DryRun): Promise<ReadBack> {
  switch (dry.kind) {
    case "reset-offsets": {
      await assertGroupInactive(gateway, dry.groupId);
      const now = await readCommittedOffsets(gateway, dry.groupId, dry.topic);
      const moved = dry.rows.filter((r) => (now[r.partition] ?? null) !== r.current);
      if (moved.length) {
        throw new AppError("CONFLICT", `refused: the committed offsets moved since the dry run (${moved.map((r) => `p${r.partition} ${r.current ?? "none"} → ${now[r.partition] ?? "none"}`).join(", ")}); request the action again so the approver sees what will really change. Nothing was changed in Kafka.`);
      }
      await gateway.resetGroupOffsets(dry.groupId, dry.topic, offsetsToCommit(dry));
      return compareOffsets(dry, await readCommittedOffsets(gateway, dry.groupId, dry.topic));
    }
    case "change-retention": {
      const before = await readOverrides(gateway, dry.topic);
      for (const c of dry.changes) {
        const live = before[c.key] ?? null;
        const planned = c.beforeSource === "DYNAMIC_TOPIC_CONFIG" ? c.before : null;
        if (live !== planned) throw new AppError("CONFLICT", `refused: ${dry.topic} ${c.key} is now ${live ?? "not overridden"}, the dry run saw ${planned ?? "not overridden"}; request the action again. Nothing was changed in Kafka.`);
      }
      await gateway.alterTopicConfigs(dry.topic, Object.fromEntries(dry.changes.map((c) => [c.key, c.after])));
      return compareConfigs(dry, before, await readOverrides(gateway, dry.topic));
    }
    case "add-partitions": {
      const count = (await readTopic(gateway, dry.topic)).partitions.length;
      if (count !== dry.before) throw new AppError("CONFLICT", `refused: ${dry.topic} now has ${count} partitions, the dry run saw ${dry.before}; request the action again. Nothing was changed in Kafka.`);
      await gateway.createPartitions(dry.topic, dry.after);
      const after = (await readTopic(gateway, dry.topic)).partitions.length;
      return { kind: "add-partitions", before: count, after, ok: after === dry.after };
    }
  }
}

/** The action may run: approved by a second person whose approval still holds (or low blast radius). */
async function assertMayExecute(rec: ActionRecord): Promise<void> {
  const { status, requestedByName } = rec.row;
  if (status === "requested") {
    if (needsSecondPerson(rec.blastRadius)) {
      throw new AppError("PRECONDITION_FAILED", `refused: this is a high-blast-radius action (${rec.blastRadius.why}); it needs a second person's approval before it runs. Requested by ${requestedByName}, waiting for approval. Nothing was changed in Kafka.`);
    }
    return;
  }
  if (status !== "approved") throw conflict(`the action is ${status}: only an approved action can be executed`);
  try {
    await assertApprovalHolds(rec, "action");
  } catch (error) {
    // An approval that no longer counts is withdrawn: the action waits for a fresh one.
    if (error instanceof ApprovalExpired) await moveStatus(rec.row.id, "approved", { status: "requested", approvedBy: null, approvedByName: null, approvedVia: null, approvedAt: null });
    throw error;
  }
}

/** Executes an approved action through the gateway, reads the result back and logs before/after. */
export async function executeAction(incidentId: string, actionId: string, principal: Principal, gateway: KafkaGateway = getGateway()): Promise<GuardedActionView> {
  return exclusively(actionId, async () => {
    const rec = await loadAction(incidentId, actionId);
    const base = {
      actionId, kind: rec.params.kind, title: ACTION_LABELS[rec.params.kind], summary: rec.dryRun.summary,
      requestedBy: { id: rec.row.requestedBy, name: rec.row.requestedByName },
      approvedBy: rec.row.approvedBy ? { id: rec.row.approvedBy, name: rec.row.approvedByName, via: rec.row.approvedVia ? (JSON.parse(rec.row.approvedVia) as unknown) : null, at: rec.row.approvedAt?.toISOString() ?? null } : null,
      executedBy: { id: principal.id, name: principal.name },
    };
    try {
      await assertMayExecute(rec);
      // seed 002: the checklist's stop conditions, on live evidence, at the moment it would run
      await assertNoStopCondition(incidentId, rec.params.kind);
    } catch (error) {
      // an attempt to run an unapproved, expired or stopped action is part of the audit trail
      if (error instanceof AppError && error.code === "PRECONDITION_FAILED") {
        const kind = error instanceof ApprovalExpired ? ENTRY_KINDS.actionApprovalExpired : ENTRY_KINDS.actionRefused;
        await appendEntry({ incidentId, kind, item: `action:${actionId}`, author: authorOf(principal), payload: { ...base, error: error.message, ...error.extra } });
      }
      throw error;
    }
    const from = rec.row.status as "approved" | "requested";
    let result: ReadBack;
    try {
      result = await perform(gateway, rec.dryRun);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const refused = error instanceof AppError && (error.code === "PRECONDITION_FAILED" || error.code === "CONFLICT");
      if (!refused) await moveStatus(actionId, from, { status: "failed", error: message, executedBy: principal.id, executedAt: new Date() });
      await appendEntry({ incidentId, kind: refused ? ENTRY_KINDS.actionRefused : ENTRY_KINDS.actionFailed, item: `action:${actionId}`, author: authorOf(principal), payload: { ...base, error: message } });
      throw error;
    }
    const ok = await moveStatus(actionId, from, { status: "executed", executedBy: principal.id, executedAt: new Date(), result: JSON.stringify(result), error: result.ok ? null : "the state read back from Kafka differs from the dry run" });
    if (!ok) throw conflict("the action changed state while it ran; reload");
    await appendEntry({ incidentId, kind: ENTRY_KINDS.actionExecuted, item: `action:${actionId}`, author: authorOf(principal), payload: { ...base, result, rollback: rec.rollback } });
    return toView(await loadAction(incidentId, actionId));
  });
}
