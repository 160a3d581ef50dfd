import "server-only";
import type { PostEventBody } from "@/lib/schemas/incidents";
import type { Principal } from "@/lib/server/auth/identify";
import { db, isPrismaError } from "@/lib/server/db";
import { configuredCluster } from "@/lib/server/evidence/cluster-identity";
import { appendEntry } from "./append-entry";
import { authorOf, toSummary } from "./mappers";

/**
 * A deploy / schema-change / config-change event (a machine client, or a person on the incident
 * page). It is kept for its scope whether or not an incident is open (ScopeEvent: an incident
 * opened later finds it, attach-scope-events.ts), and attached now to every incident not yet in
 * review or closed whose scope (topics, groups, services) it touches.
 */
export async function recordEvent(body: PostEventBody, principal: Principal): Promise<{ attachedTo: { incidentId: string; seq: number }[] }> {
  const at = body.at ? new Date(body.at).toISOString() : new Date().toISOString();
  try {
    await db().scopeEvent.create({
      data: {
        cluster: configuredCluster(),
        type: body.type,
        description: body.description,
        at: new Date(at),
        service: body.service ?? null,
        url: body.url ?? null,
        topics: JSON.stringify(body.topics),
        groups: JSON.stringify(body.groups),
        source: principal.name,
        idempotencyKey: body.idempotencyKey ?? null,
      },
    });
  } catch (error) {
    // a retried post (same idempotency key) is stored once
    if (!isPrismaError(error, "P2002")) throw error;
  }
  const open = (await db().incident.findMany({ where: { status: { notIn: ["review", "closed"] } } })).map(toSummary);
  const touches = open.filter(
    (i) =>
      body.topics.some((t) => i.scope.topics.includes(t)) ||
      body.groups.some((g) => i.scope.groups.includes(g)) ||
      (body.service !== undefined && i.scope.services.includes(body.service)),
  );
  const attachedTo: { incidentId: string; seq: number }[] = [];
  for (const incident of touches) {
    const { entry } = await appendEntry({
      incidentId: incident.id,
      kind: "event",
      author: authorOf(principal),
      idempotencyKey: body.idempotencyKey ? `${body.idempotencyKey}:${incident.id}` : null,
      payload: {
        type: body.type,
        description: body.description,
        at,
        ...(body.service ? { service: body.service } : {}),
        ...(body.url ? { url: body.url } : {}),
        topics: body.topics,
        groups: body.groups,
        source: principal.name,
      },
    });
    attachedTo.push({ incidentId: incident.id, seq: entry.seq });
  }
  return { attachedTo };
}
