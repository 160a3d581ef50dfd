import "server-only";
import { roleAtLeast } from "@/lib/domain/auth/roles";
import { ACTION_LABELS } from "@/lib/domain/mitigation/actions";
import { ENTRY_KINDS } from "@/lib/domain/mitigation/types";
import type { Principal } from "@/lib/server/auth/identify";
import { AppError, conflict, forbidden } from "@/lib/server/http/errors";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { authorOf } from "@/lib/server/incidents/mappers";
import type { KafkaGateway } from "@/lib/server/kafka/gateway";
import { getGateway } from "@/lib/server/kafka/registry";
import type { GuardedActionView } from "@/lib/schemas/mitigation";
import { assertGroupInactive, exclusively } from "./execute-action";
import { readCommittedOffsets, readOverrides } from "./kafka-reads";
import { loadAction, moveStatus, toView } from "./mappers";

/** Applies an executed action's rollback recipe (the pre-action state it approved), read back from Kafka. */
export async function rollbackAction(incidentId: string, actionId: string, principal: Principal, gateway: KafkaGateway = getGateway()): Promise<GuardedActionView> {
  if (!roleAtLeast(principal.role, "commander")) throw forbidden(`rolling back a guarded Kafka action needs the commander role; you are ${principal.role}`);
  return exclusively(actionId, async () => {
    const rec = await loadAction(incidentId, actionId);
    if (rec.row.status !== "executed") throw conflict(`the action is ${rec.row.status}: only an executed action can be rolled back`);
    const recipe = rec.rollback;
    let readBack: unknown;
    switch (recipe.kind) {
      case "manual":
        throw new AppError("UNPROCESSABLE", `no automatic rollback: ${recipe.description}`);
      case "restore-offsets": {
        await assertGroupInactive(gateway, recipe.groupId);
        const offsets = Object.fromEntries(Object.entries(recipe.offsets).map(([p, o]) => [Number(p), o]));
        if (Object.keys(offsets).length) await gateway.resetGroupOffsets(recipe.groupId, recipe.topic, offsets);
        const after = await readCommittedOffsets(gateway, recipe.groupId, recipe.topic);
        readBack = { kind: "restore-offsets", rows: Object.entries(recipe.offsets).map(([p, o]) => ({ partition: Number(p), expected: o, after: after[Number(p)] ?? null, ok: after[Number(p)] === o })) };
        break;
      }
      case "restore-config": {
        const before = await readOverrides(gateway, recipe.topic);
        await gateway.alterTopicConfigs(recipe.topic, recipe.changes);
        readBack = { kind: "restore-config", before, after: await readOverrides(gateway, recipe.topic) };
        break;
      }
    }
    const previous = rec.row.result ? (JSON.parse(rec.row.result) as Record<string, unknown>) : {};
    const ok = await moveStatus(actionId, "executed", { status: "rolled-back", rolledBackAt: new Date(), result: JSON.stringify({ ...previous, rollback: readBack }) });
    if (!ok) throw conflict("the action changed state meanwhile; reload");
    await appendEntry({
      incidentId, kind: ENTRY_KINDS.actionRolledBack, item: `action:${actionId}`, author: authorOf(principal),
      payload: { actionId, kind: rec.params.kind, title: ACTION_LABELS[rec.params.kind], summary: rec.dryRun.summary, recipe: recipe.description, readBack, rolledBackBy: { id: principal.id, name: principal.name } },
    });
    return toView(await loadAction(incidentId, actionId));
  });
}
