import "server-only";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import type { Principal } from "@/lib/server/auth/identify";
import { notFound } from "@/lib/server/http/errors";
import { entriesAfter, incidentExists } from "@/lib/server/incidents/get-incident";
import { followIncident, followList } from "./feed";
import { subscribeIncident, subscribeList } from "./hub";
import { joinPresence } from "./presence";
import { sseResponse } from "./sse";

/**
 * An incident's log as Server-Sent Events, resumable on any instance: every entry after
 * `after` (from Last-Event-ID or ?after=) exactly once, in seq order, then live. It subscribes
 * and follows the incident's feed before it reads the database, and buffers what arrives
 * meanwhile, so nothing falls in the gap between replay and live; entries at or below the last
 * seq sent are dropped, so nothing is doubled. Events: `entry` (id = seq), `ready` (replay
 * done), `presence` (who is viewing, on every instance).
 */
export async function incidentStream(incidentId: string, after: number, principal: Principal, signal: AbortSignal): Promise<Response> {
  if (!(await incidentExists(incidentId))) throw notFound("incident");
  return sseResponse(signal, async (sink, connectionId) => {
    let lastSent = after;
    let replaying = true;
    const buffered: IncidentEntry[] = [];
    const send = (entry: IncidentEntry, json?: string) => {
      if (entry.seq <= lastSent) return;
      lastSent = entry.seq;
      sink.eventJson("entry", json ?? JSON.stringify(entry), entry.seq);
    };
    const unsubscribe = subscribeIncident(incidentId, (event) => {
      if (event.type === "presence") sink.event("presence", { viewers: event.viewers });
      else if (replaying) buffered.push(event.entry);
      else send(event.entry, event.json);
    });
    let unfollow: () => void = () => {};
    let leave: () => void = () => {};
    try {
      unfollow = await followIncident(incidentId);
      for (;;) {
        const page = await entriesAfter(incidentId, lastSent);
        for (const entry of page) send(entry);
        if (page.length < 500 || sink.closed()) break;
      }
      buffered.sort((a, b) => a.seq - b.seq).forEach((e) => send(e));
      buffered.length = 0;
      replaying = false;
      sink.event("ready", { lastSeq: lastSent });
      if (principal.kind === "user") leave = await joinPresence(incidentId, connectionId, { userId: principal.id, name: principal.name, role: principal.role });
    } catch (error) {
      unsubscribe();
      unfollow();
      throw error;
    }
    return () => {
      unsubscribe();
      unfollow();
      leave();
    };
  }, "incident");
}

/** Changes to any incident (for the list page): `changed` events, not resumable (refetch on connect). */
export function incidentListStream(signal: AbortSignal): Response {
  return sseResponse(signal, async (sink) => {
    await followList();
    sink.event("ready", {});
    return subscribeList((event) => sink.event("changed", event));
  }, "incident-list");
}
