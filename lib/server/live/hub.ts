import "server-only";
import type { IncidentEntry } from "@/lib/domain/incidents/types";

/**
 * In-process fan-out: every append publishes its entry here after the commit, in seq order
 * per incident; SSE connections subscribe. One hub per process (globalThis), which is enough
 * for the single-process server Ripcord runs as. Presence lives only here: who has an
 * incident stream open right now.
 */
export interface Viewer {
  userId: string;
  name: string;
  role: string;
}

export type IncidentHubEvent = { type: "entry"; entry: IncidentEntry } | { type: "presence"; viewers: Viewer[] };

export interface ListHubEvent {
  incidentId: string;
  seq: number;
  kind: string;
}

type Listener<E> = (event: E) => void;

interface Hub {
  incidents: Map<string, Set<Listener<IncidentHubEvent>>>;
  list: Set<Listener<ListHubEvent>>;
  presence: Map<string, Map<string, Viewer>>;
}

const KEY = Symbol.for("ripcord.live.hub");
const holder = globalThis as typeof globalThis & { [KEY]?: Hub };

function hub(): Hub {
  holder[KEY] ??= { incidents: new Map(), list: new Set(), presence: new Map() };
  return holder[KEY];
}

function safeCall<E>(listener: Listener<E>, event: E) {
  try {
    listener(event);
  } catch {
    // A broken connection must not stop the fan-out to the others.
  }
}

export function subscribeIncident(incidentId: string, listener: Listener<IncidentHubEvent>): () => void {
  const h = hub();
  let set = h.incidents.get(incidentId);
  if (!set) h.incidents.set(incidentId, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) h.incidents.delete(incidentId);
  };
}

export function subscribeList(listener: Listener<ListHubEvent>): () => void {
  hub().list.add(listener);
  return () => hub().list.delete(listener);
}

export function publishEntry(entry: IncidentEntry): void {
  const h = hub();
  for (const l of h.incidents.get(entry.incidentId) ?? []) safeCall(l, { type: "entry", entry });
  for (const l of h.list) safeCall(l, { incidentId: entry.incidentId, seq: entry.seq, kind: entry.kind });
}

export function viewersOf(incidentId: string): Viewer[] {
  const byUser = new Map<string, Viewer>();
  for (const v of hub().presence.get(incidentId)?.values() ?? []) byUser.set(v.userId, v);
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function publishPresence(incidentId: string) {
  const viewers = viewersOf(incidentId);
  for (const l of hub().incidents.get(incidentId) ?? []) safeCall(l, { type: "presence", viewers });
}

/** Marks a connection as viewing; returns the function that marks it gone. */
export function joinPresence(incidentId: string, connectionId: string, viewer: Viewer): () => void {
  const h = hub();
  let map = h.presence.get(incidentId);
  if (!map) h.presence.set(incidentId, (map = new Map()));
  map.set(connectionId, viewer);
  publishPresence(incidentId);
  return () => {
    map.delete(connectionId);
    if (map.size === 0) h.presence.delete(incidentId);
    publishPresence(incidentId);
  };
}
