import "server-only";
import { ACTION_LABELS, needsSecondPerson, type RollbackRecipe } from "@/lib/domain/mitigation/actions";
import { ENTRY_KINDS } from "@/lib/domain/mitigation/types";
import type { Principal } from "@/lib/server/auth/identify";
import { AppError, conflict } from "@/lib/server/http/errors";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { authorOf } from "@/lib/server/incidents/mappers";
import type { KafkaGateway } from "@/lib/server/kafka/gateway";
import { getGateway } from "@/lib/server/kafka/registry";
import type { GuardedActionView } from "@/lib/schemas/mitigation";
import { ApprovalExpired, assertApprovalHolds } from "./approval-policy";
import { assertGroupInactive, exclusively } from "./execute-action";
import { readCommittedOffsets, readOverrides } from "./kafka-reads";
import { credentialOf, loadAction, moveStatus, toView, type ActionRecord, type RollbackRequest } from "./mappers";

/** Applies the recipe (the pre-action state the approver saw) and reads Kafka's state back. */
async function applyRecipe(gateway: KafkaGateway, recipe: Exclude<RollbackRecipe, { kind: "manual" }>): Promise<unknown> {
  switch (recipe.kind) {
    case "restore-offsets": {
      await assertGroupInactive(gateway, recipe.groupId);
      const offsets = Object.fromEntries(Object.entries(recipe.offsets).map(([p, o]) => [Number(p), o]));
      if (Object.keys(offsets).length) await gateway.resetGroupOffsets(recipe.groupId, recipe.topic, offsets);
      const after = await readCommittedOffsets(gateway, recipe.groupId, recipe.topic);
      return { kind: "restore-offsets", rows: Object.entries(recipe.offsets).map(([p, o]) => ({ partition: Number(p), expected: o, after: after[Number(p)] ?? null, ok: after[Number(p)] === o })) };
    }
    case "restore-config": {
      const before = await readOverrides(gateway, recipe.topic);
      await gateway.alterTopicConfigs(recipe.topic, recipe.changes);
      return { kind: "restore-config", before, after: await readOverrides(gateway, recipe.topic) };
    }
  }
}

const base = (rec: ActionRecord) => ({ actionId: rec.row.id, kind: rec.params.kind, title: ACTION_LABELS[rec.params.kind] });

/**
 * The rollback of an executed action. A high-blast-radius action's rollback changes Kafka just as
 * much, so it goes the same way: the first call asks for it (rollback-requested), a second person
 * approves it (rollback-approved, through /approve), and the next call applies the recipe — while
 * that approval still holds — and reads the result back from Kafka.
 */
export async function rollbackAction(incidentId: string, actionId: string, principal: Principal, gateway: KafkaGateway = getGateway()): Promise<GuardedActionView> {
  return exclusively(actionId, async () => {
    const rec = await loadAction(incidentId, actionId);
    const recipe = rec.rollback;
    const status = rec.row.status;
    if (status !== "executed" && status !== "rollback-requested" && status !== "rollback-approved") throw conflict(`the action is ${status}: only an executed action can be rolled back`);
    if (recipe.kind === "manual") throw new AppError("UNPROCESSABLE", `no automatic rollback: ${recipe.description}`);

    if (status === "executed" && needsSecondPerson(rec.blastRadius)) {
      const request: RollbackRequest = { by: { id: principal.id, name: principal.name }, accountableId: principal.accountableId, via: credentialOf(principal), at: new Date().toISOString() };
      if (!(await moveStatus(actionId, "executed", { status: "rollback-requested", rollbackRequest: JSON.stringify(request), rollbackApproval: null }))) throw conflict("the action changed state meanwhile; reload");
      await appendEntry({
        incidentId, kind: ENTRY_KINDS.rollbackRequested, item: `action:${actionId}`, author: authorOf(principal),
        payload: { ...base(rec), summary: `rollback requested, waiting for a second person's approval: ${recipe.description}`, recipe: recipe.description, requestedBy: request.by, via: request.via },
      });
      return toView(await loadAction(incidentId, actionId));
    }
    if (status === "rollback-requested") {
      throw new AppError("PRECONDITION_FAILED", `refused: the rollback of this high-blast-radius action waits for a second person's approval (asked by ${rec.rollbackRequest?.by.name ?? "someone"}). Nothing was changed in Kafka.`);
    }
    if (status === "rollback-approved") {
      try {
        await assertApprovalHolds(rec, "rollback");
      } catch (error) {
        if (error instanceof ApprovalExpired) {
          await moveStatus(actionId, "rollback-approved", { status: "rollback-requested", rollbackApproval: null });
          await appendEntry({ incidentId, kind: ENTRY_KINDS.actionApprovalExpired, item: `action:${actionId}`, author: authorOf(principal), payload: { ...base(rec), summary: "the rollback's approval no longer counts", error: error.message } });
        }
        throw error;
      }
    }

    const readBack = await applyRecipe(gateway, recipe);
    const previous = rec.row.result ? (JSON.parse(rec.row.result) as Record<string, unknown>) : {};
    const ok = await moveStatus(actionId, status, { status: "rolled-back", rolledBackAt: new Date(), result: JSON.stringify({ ...previous, rollback: readBack }) });
    if (!ok) throw conflict("the action changed state meanwhile; reload");
    await appendEntry({
      incidentId, kind: ENTRY_KINDS.actionRolledBack, item: `action:${actionId}`, author: authorOf(principal),
      payload: {
        ...base(rec), summary: rec.dryRun.summary, recipe: recipe.description, readBack,
        rolledBackBy: { id: principal.id, name: principal.name, via: credentialOf(principal) },
        approvedBy: rec.rollbackApproval ? { ...rec.rollbackApproval.by, via: rec.rollbackApproval.via } : null,
      },
    });
    return toView(await loadAction(incidentId, actionId));
  });
}
