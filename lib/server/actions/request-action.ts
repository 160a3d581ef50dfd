import "server-only";
import {
  ACTION_LABELS,
  PlanError,
  blastRadiusOf,
  needsSecondPerson,
  planPartitions,
  planReset,
  planRetention,
  rollbackRecipe,
  type ActionParams,
  type DryRun,
} from "@/lib/domain/mitigation/actions";
import { ENTRY_KINDS } from "@/lib/domain/mitigation/types";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/http/errors";
import { appendEntry } from "@/lib/server/incidents/append-entry";
import { authorOf } from "@/lib/server/incidents/mappers";
import type { KafkaGateway } from "@/lib/server/kafka/gateway";
import { getGateway } from "@/lib/server/kafka/registry";
import type { GuardedActionView, RequestActionBody } from "@/lib/schemas/mitigation";
import { readConfigs, readResetFacts, readTopic } from "./kafka-reads";
import { requiredOwnerFor } from "./approval-policy";
import { credentialOf, parseAction, toView } from "./mappers";

/** Reads live Kafka and computes what the action would change, without changing anything. */
export async function dryRunFor(gateway: KafkaGateway, params: ActionParams): Promise<DryRun> {
  try {
    switch (params.kind) {
      case "reset-offsets": {
        const { facts } = await readResetFacts(gateway, params.groupId, params.topic, params.mode === "timestamp" ? params.timestampMs : undefined);
        return planReset(params, facts);
      }
      case "change-retention":
        return planRetention(params, await readConfigs(gateway, params.topic));
      case "add-partitions":
        return planPartitions(params, (await readTopic(gateway, params.topic)).partitions.length);
    }
  } catch (error) {
    if (error instanceof PlanError) throw new AppError("UNPROCESSABLE", error.message);
    throw error;
  }
}

/**
 * Requests a guarded action: computes the dry run from live Kafka, stores it with its blast
 * radius and rollback recipe, and logs the request (live for everyone on the incident).
 */
export async function requestAction(incidentId: string, body: RequestActionBody, principal: Principal): Promise<GuardedActionView> {
  const incident = await db().incident.findUnique({ where: { id: incidentId }, select: { id: true, status: true } });
  if (!incident) throw notFound("incident");
  if (incident.status === "closed") throw new AppError("CONFLICT", "the incident is closed: no more actions");
  const params = body.action as ActionParams;
  const dryRun = await dryRunFor(getGateway(), params);
  const blastRadius = blastRadiusOf(dryRun);
  const rollback = rollbackRecipe(dryRun);
  const requiredOwner = await requiredOwnerFor(params);
  const row = await db().guardedAction.create({
    data: {
      incidentId,
      kind: params.kind,
      params: JSON.stringify(params),
      dryRun: JSON.stringify(dryRun),
      blastRadius: JSON.stringify(blastRadius),
      status: "requested",
      requestedBy: principal.id,
      requestedByName: principal.name,
      requestedByAccountable: principal.accountableId,
      requestedVia: JSON.stringify(credentialOf(principal)),
      requiredOwner,
      rollback: JSON.stringify(rollback),
    },
  });
  await appendEntry({
    incidentId,
    kind: ENTRY_KINDS.actionRequested,
    item: `action:${row.id}`,
    author: authorOf(principal),
    idempotencyKey: body.idempotencyKey ?? null,
    payload: {
      actionId: row.id,
      kind: params.kind,
      title: ACTION_LABELS[params.kind],
      summary: dryRun.summary,
      params,
      dryRun,
      blastRadius,
      needsApproval: needsSecondPerson(blastRadius),
      rollback,
      requestedBy: { id: principal.id, name: principal.name, via: credentialOf(principal) },
      requiredOwner,
      itemId: body.itemId ?? null,
      note: body.note ?? null,
    },
  });
  return toView(parseAction(row));
}
