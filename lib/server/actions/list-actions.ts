import "server-only";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/http/errors";
import type { GuardedActionView } from "@/lib/schemas/mitigation";
import { loadAction, parseAction, toView } from "./mappers";

/** Every guarded action of an incident, newest first. */
export async function listActions(incidentId: string): Promise<GuardedActionView[]> {
  if ((await db().incident.count({ where: { id: incidentId } })) === 0) throw notFound("incident");
  const rows = await db().guardedAction.findMany({ where: { incidentId }, orderBy: { createdAt: "desc" } });
  return rows.map((r) => toView(parseAction(r)));
}

export async function getAction(incidentId: string, actionId: string): Promise<GuardedActionView> {
  return toView(await loadAction(incidentId, actionId));
}
