import "server-only";
import type { OpenIncidentBody } from "@/lib/schemas/incidents";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { requireCluster } from "@/lib/server/clusters/require-cluster";
import { publishCommitted } from "@/lib/server/live/feed";
import { appendInTransaction, findEntryByKey } from "./append-entry";
import { authorOf, toEntry, toSummary, type IncidentSummary } from "./mappers";

/**
 * Opens an incident in "detection": the incident, its opened entry and (for a person) the
 * opener taking command, in one transaction — an incident is never seen without its log.
 * A retry with the same idempotency key (same caller) gets the incident it opened.
 */
export async function openIncident(body: OpenIncidentBody, principal: Principal): Promise<{ incident: IncidentSummary; duplicate: boolean }> {
  const author = authorOf(principal);
  if (body.idempotencyKey) {
    const seen = await findEntryByKey(author.id, body.idempotencyKey);
    if (seen) return { incident: toSummary(await db().incident.findUniqueOrThrow({ where: { id: seen.incidentId } })), duplicate: true };
  }
  // "default" (the new-incident form's value) and no name both mean the default cluster, stored by its name
  const cluster = requireCluster(body.cluster, "UNPROCESSABLE");
  const { incident, written } = await db().$transaction(async (tx) => {
    const row = await tx.incident.create({
      data: { title: body.title, cluster, scope: JSON.stringify(body.scope), status: "detection", commanderId: principal.kind === "user" ? principal.id : null },
    });
    const opened = await appendInTransaction(tx, {
      incidentId: row.id,
      kind: "incident-opened",
      author,
      idempotencyKey: body.idempotencyKey,
      payload: { title: body.title, cluster, scope: body.scope, summary: body.summary, impactStartedAt: body.impactStartedAt, detectedAt: body.detectedAt },
    });
    const written = [...opened.written];
    if (principal.kind === "user") {
      const took = await appendInTransaction(tx, { incidentId: row.id, kind: "role-changed", item: "role:commander", author, payload: { role: "commander", userId: principal.id, userName: principal.name, action: "took" } });
      written.push(...took.written);
    }
    return { incident: await tx.incident.findUniqueOrThrow({ where: { id: row.id } }), written };
  });
  publishCommitted(written.map(toEntry));
  return { incident: toSummary(incident), duplicate: false };
}
