import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/server/db";
import { log } from "@/lib/server/log";
import { deliverPresence, hasIncidentListeners, listenedIncidents, type Viewer } from "./hub";
import { CHANNELS, ensureListening, onNotification, onReconnect, usesNotify } from "./pg-channel";

/**
 * Who is viewing an incident, shared through the database so every instance shows the same
 * people: one Presence row per open SSE connection. Each instance refreshes its rows every
 * HEARTBEAT_MS; rows older than STALE_MS belong to an instance that died and are ignored, then
 * swept. A join or leave is announced (PostgreSQL NOTIFY {incidentId}; on SQLite, the only
 * instance just re-reads), and every instance with listeners on that incident re-reads the
 * viewers and tells them.
 */
export const PRESENCE_HEARTBEAT_MS = 5_000;
export const PRESENCE_STALE_MS = 20_000;

const KEY = Symbol.for("ripcord.live.presence");
interface PresenceState {
  instanceId: string;
  connections: number;
  timer: NodeJS.Timeout | null;
  wired: boolean;
  shown: Map<string, string>;
}
const holder = globalThis as typeof globalThis & { [KEY]?: PresenceState };

function state(): PresenceState {
  holder[KEY] ??= { instanceId: randomUUID(), connections: 0, timer: null, wired: false, shown: new Map() };
  const s = holder[KEY];
  if (!s.wired && usesNotify()) {
    s.wired = true;
    const refresh = (incidentId: string) => void refreshPresence(incidentId).catch((error: unknown) => log("warn", "presence: refresh failed", { incidentId, error: String(error) }));
    onNotification(CHANNELS.presence, refresh);
    onReconnect(() => listenedIncidents().forEach(refresh));
  }
  return s;
}

/** The people viewing an incident now (one per user, by name). */
export async function viewersOf(incidentId: string): Promise<Viewer[]> {
  const rows = await db().presence.findMany({ where: { incidentId, seenAt: { gte: new Date(Date.now() - PRESENCE_STALE_MS) } }, select: { userId: true, name: true, role: true } });
  const byUser = new Map<string, Viewer>();
  for (const r of rows) byUser.set(r.userId, { userId: r.userId, name: r.name, role: r.role });
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function refreshPresence(incidentId: string, force = false): Promise<void> {
  if (!hasIncidentListeners(incidentId)) return;
  const viewers = await viewersOf(incidentId);
  const s = state();
  const key = JSON.stringify(viewers);
  if (!force && s.shown.get(incidentId) === key) return;
  s.shown.set(incidentId, key);
  deliverPresence(incidentId, viewers);
}

async function announce(incidentId: string): Promise<void> {
  if (usesNotify()) await db().$executeRaw`SELECT pg_notify(${CHANNELS.presence}, ${incidentId})`;
  else await refreshPresence(incidentId);
}

async function heartbeat(s: PresenceState): Promise<void> {
  const now = Date.now();
  await db().presence.updateMany({ where: { instanceId: s.instanceId }, data: { seenAt: new Date(now) } });
  const stale = await db().presence.findMany({ where: { seenAt: { lt: new Date(now - PRESENCE_STALE_MS) } }, select: { connectionId: true, incidentId: true } });
  if (stale.length) {
    await db().presence.deleteMany({ where: { connectionId: { in: stale.map((r) => r.connectionId) } } });
    for (const incidentId of new Set(stale.map((r) => r.incidentId))) await announce(incidentId);
  }
  // a viewer on a dead instance drops out once stale, without anyone announcing it
  for (const incidentId of listenedIncidents()) await refreshPresence(incidentId);
}

/** Marks a connection as viewing; returns the function that marks it gone. */
export async function joinPresence(incidentId: string, connectionId: string, viewer: Viewer): Promise<() => void> {
  const s = state();
  await ensureListening();
  await db().presence.create({ data: { connectionId, incidentId, userId: viewer.userId, name: viewer.name, role: viewer.role, instanceId: s.instanceId } });
  s.connections++;
  if (!s.timer) {
    s.timer = setInterval(() => void heartbeat(s).catch((error: unknown) => log("warn", "presence heartbeat failed", { error: String(error) })), PRESENCE_HEARTBEAT_MS);
    s.timer.unref?.();
  }
  await refreshPresence(incidentId, true);
  await announce(incidentId);
  return () => {
    s.connections--;
    if (s.connections <= 0 && s.timer) {
      clearInterval(s.timer);
      s.timer = null;
    }
    void db()
      .presence.delete({ where: { connectionId } })
      .then(() => announce(incidentId))
      .catch((error: unknown) => log("warn", "presence: leaving failed", { error: String(error) }));
  };
}
