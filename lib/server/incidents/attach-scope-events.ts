import "server-only";
import { db } from "@/lib/server/db";
import { clusterOf } from "@/lib/server/evidence/cluster-identity";
import { SYSTEM_AUTHOR } from "./mappers";
import { appendEntry } from "./append-entry";
import { getIncident } from "./get-incident";

/** Events up to this long before the incident's start count as in its window (a deploy an hour before the lag). */
export const EVENT_LOOKBACK_MS = 2 * 60 * 60_000;

/**
 * An incident opened after a deploy or schema change finds it: every kept scope event
 * (record-event.ts) touching the incident's topics, groups or services, from EVENT_LOOKBACK_MS
 * before its impact start (else its opening) until now, becomes an "event" entry of its log.
 * Idempotent per (event, incident). Returns how many it attached.
 */
export async function attachScopeEvents(incidentId: string, now = Date.now()): Promise<number> {
  const { incident, state, entries } = await getIncident(incidentId);
  const start = Date.parse(state.keyTimes.impactStart ?? incident.openedAt);
  const rows = await db().scopeEvent.findMany({ where: { cluster: clusterOf(incident.cluster), at: { gte: new Date(start - EVENT_LOOKBACK_MS), lte: new Date(now) } }, orderBy: { at: "asc" } });
  let attached = 0;
  for (const row of rows) {
    const topics = JSON.parse(row.topics) as string[];
    const groups = JSON.parse(row.groups) as string[];
    const touches = topics.some((t) => incident.scope.topics.includes(t)) || groups.some((g) => incident.scope.groups.includes(g)) || (row.service !== null && incident.scope.services.includes(row.service));
    if (!touches) continue;
    // already attached when it was recorded (the incident was open then)
    const at = row.at.toISOString();
    if (entries.some((e) => e.kind === "event" && (e.payload as { at?: string; description?: string }).at === at && (e.payload as { description?: string }).description === row.description)) continue;
    const { duplicate } = await appendEntry({
      incidentId,
      kind: "event",
      author: SYSTEM_AUTHOR,
      idempotencyKey: `scope-event:${row.id}:${incidentId}`,
      payload: { type: row.type, description: row.description, at, ...(row.service ? { service: row.service } : {}), ...(row.url ? { url: row.url } : {}), topics, groups, source: `${row.source} (recorded before the incident opened)` },
    });
    if (!duplicate) attached++;
  }
  return attached;
}
