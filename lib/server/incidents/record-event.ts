import "server-only";
import type { PostEventBody } from "@/lib/schemas/incidents";
import type { Principal } from "@/lib/server/auth/identify";
import { db } from "@/lib/server/db";
import { appendEntry } from "./append-entry";
import { authorOf, toSummary } from "./mappers";

/**
 * A deploy / schema-change / config-change event from a machine client. It is attached to
 * every incident not yet in review or closed whose scope (topics, groups, services) it touches.
 */
export async function recordEvent(body: PostEventBody, principal: Principal): Promise<{ attachedTo: { incidentId: string; seq: number }[] }> {
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
        at: body.at ? new Date(body.at).toISOString() : new Date().toISOString(),
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
