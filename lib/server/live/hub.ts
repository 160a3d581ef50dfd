import "server-only";
import type { IncidentEntry } from "@/lib/domain/incidents/types";

/**
 * This process's live listeners (SSE connections). What reaches them comes from the feed
 * (lib/server/live/feed.ts: every committed entry of this and the other instances, in seq
 * order, once) and from presence (lib/server/live/presence.ts, shared through the database).
 * An entry is serialised once for all its listeners (`json`), not once per connection.
 */
export interface Viewer {
  userId: string;
  name: string;
  role: string;
}

export type IncidentHubEvent = { type: "entry"; entry: IncidentEntry; json: string } | { type: "presence"; viewers: Viewer[] };

export interface ListHubEvent {
  incidentId: string;
  seq: number;
}

type Listener<E> = (event: E) => void;

interface Hub {
  incidents: Map<string, Set<Listener<IncidentHubEvent>>>;
  list: Set<Listener<ListHubEvent>>;
}

const KEY = Symbol.for("ripcord.live.hub");
const holder = globalThis as typeof globalThis & { [KEY]?: Hub };

function hub(): Hub {
  holder[KEY] ??= { incidents: new Map(), list: new Set() };
  return holder[KEY];
}

function safeCall<E>(listener: Listener<E>, event: E) {
  try {
    listener(event);
  } catch {
    // A broken connection must not stop the fan-out to the others.
  }
}

/** Listens to one incident; `onFirst`/`onLast` tell the feed when it starts and stops mattering. */
export function subscribeIncident(incidentId: string, listener: Listener<IncidentHubEvent>): () => void {
  const h = hub();
  let set = h.incidents.get(incidentId);
  if (!set) h.incidents.set(incidentId, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0 && h.incidents.get(incidentId) === set) h.incidents.delete(incidentId);
  };
}

export function hasIncidentListeners(incidentId: string): boolean {
  return (hub().incidents.get(incidentId)?.size ?? 0) > 0;
}

export function listenedIncidents(): string[] {
  return [...hub().incidents.keys()];
}

export function subscribeList(listener: Listener<ListHubEvent>): () => void {
  hub().list.add(listener);
  return () => hub().list.delete(listener);
}

/** Delivers one entry to its incident's listeners (the feed calls this in seq order, once per seq). */
export function deliverEntry(entry: IncidentEntry): void {
  const listeners = hub().incidents.get(entry.incidentId);
  if (!listeners?.size) return;
  const event: IncidentHubEvent = { type: "entry", entry, json: JSON.stringify(entry) };
  for (const l of listeners) safeCall(l, event);
}

/** "Something changed in this incident" for the incident list streams. */
export function deliverListChange(incidentId: string, seq: number): void {
  for (const l of hub().list) safeCall(l, { incidentId, seq });
}

export function deliverPresence(incidentId: string, viewers: Viewer[]): void {
  for (const l of hub().incidents.get(incidentId) ?? []) safeCall(l, { type: "presence", viewers });
}
