import "server-only";
import type { OpenIncidentBody } from "@/lib/schemas/incidents";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { appendEntry } from "./append-entry";
import { authorOf, toSummary, type IncidentSummary } from "./mappers";

/** Opens an incident in "detection": the opened entry, then the opener takes command. */
export async function openIncident(body: OpenIncidentBody, principal: Principal): Promise<{ incident: IncidentSummary; duplicate: boolean }> {
  if (body.idempotencyKey) {
    const seen = await db().incidentEntry.findUnique({ where: { idempotencyKey: body.idempotencyKey }, include: { incident: true } });
    if (seen) return { incident: toSummary(seen.incident), duplicate: true };
  }
  const cluster = body.cluster ?? env().KAFKA_CLUSTER_NAME;
  const row = await db().incident.create({
    data: { title: body.title, cluster, scope: JSON.stringify(body.scope), status: "detection", commanderId: principal.kind === "user" ? principal.id : null },
  });
  const author = authorOf(principal);
  await appendEntry({
    incidentId: row.id,
    kind: "incident-opened",
    author,
    idempotencyKey: body.idempotencyKey,
    payload: { title: body.title, cluster, scope: body.scope, summary: body.summary, impactStartedAt: body.impactStartedAt, detectedAt: body.detectedAt },
  });
  if (principal.kind === "user") {
    await appendEntry({ incidentId: row.id, kind: "role-changed", item: "role:commander", author, payload: { role: "commander", userId: principal.id, userName: principal.name, action: "took" } });
  }
  const fresh = await db().incident.findUniqueOrThrow({ where: { id: row.id } });
  return { incident: toSummary(fresh), duplicate: false };
}
