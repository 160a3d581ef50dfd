import "server-only";
import type { Prisma } from "@prisma/client";
import type { IncidentEntry } from "@/lib/domain/incidents/types";
import { db } from "@/lib/server/db";
import { toEntry } from "@/lib/server/incidents/mappers";
import { log } from "@/lib/server/log";
import { deliverEntry, deliverListChange } from "./hub";
import { CHANNELS, ensureListening, onNotification, onReconnect, usesNotify } from "./pg-channel";

/**
 * Every committed entry reaches this process's listeners once, in seq order, whichever
 * instance wrote it. Per followed incident a feed knows the last seq it delivered: entries this
 * process committed are delivered straight away when they are the next ones; anything else (a
 * NOTIFY {incidentId, seq} from another instance, a commit that overtook another) makes it
 * read the missing entries from the database, in order. An SSE stream follows its incident
 * before it replays from the database, and drops what it already sent, so nothing falls in
 * between and nothing is doubled (lib/server/live/incident-stream.ts).
 */
interface Feed {
  followers: number;
  /** highest seq delivered; null until the feed has read where the log stands */
  delivered: number | null;
  /** highest seq known to be committed */
  wanted: number;
  pumping: boolean;
}

const KEY = Symbol.for("ripcord.live.feeds");
const holder = globalThis as typeof globalThis & { [KEY]?: { feeds: Map<string, Feed>; wired: boolean } };

function feeds(): Map<string, Feed> {
  holder[KEY] ??= { feeds: new Map(), wired: false };
  const h = holder[KEY];
  if (!h.wired && usesNotify()) {
    h.wired = true;
    onNotification(CHANNELS.entries, (payload) => {
      const { incidentId, seq } = JSON.parse(payload) as { incidentId: string; seq: number };
      deliverListChange(incidentId, seq);
      const feed = h.feeds.get(incidentId);
      if (feed) want(incidentId, feed, seq);
    });
    // While the connection was down, notifications may have been missed: ask the database.
    onReconnect(() => {
      for (const [incidentId, feed] of h.feeds) void catchUp(incidentId, feed).catch((error: unknown) => log("warn", "live feed: catching up failed", { incidentId, error: String(error) }));
    });
  }
  return h.feeds;
}

async function catchUp(incidentId: string, feed: Feed): Promise<void> {
  const row = await db().incident.findUnique({ where: { id: incidentId }, select: { lastSeq: true } });
  if (row) want(incidentId, feed, row.lastSeq);
}

function want(incidentId: string, feed: Feed, seq: number): void {
  if (seq > feed.wanted) feed.wanted = seq;
  void pump(incidentId, feed);
}

/** Reads and delivers what is missing, in order; a failed read is retried shortly (the listeners wait, they lose nothing). */
async function pump(incidentId: string, feed: Feed): Promise<void> {
  if (feed.pumping || feed.delivered === null) return;
  feed.pumping = true;
  try {
    while (feed.delivered !== null && feed.delivered < feed.wanted) {
      const rows = await db().incidentEntry.findMany({ where: { incidentId, seq: { gt: feed.delivered } }, orderBy: { seq: "asc" }, take: 500 });
      if (rows.length === 0) break;
      for (const row of rows) deliver(feed, toEntry(row));
    }
  } catch (error) {
    log("warn", "live feed: reading new entries failed; retrying", { incidentId, error: String(error) });
    setTimeout(() => void pump(incidentId, feed), 500).unref?.();
  } finally {
    feed.pumping = false;
  }
}

function deliver(feed: Feed, entry: IncidentEntry): void {
  if (feed.delivered === null || entry.seq !== feed.delivered + 1) return;
  feed.delivered = entry.seq;
  if (entry.seq > feed.wanted) feed.wanted = entry.seq;
  deliverEntry(entry);
}

/**
 * Starts delivering an incident's new entries to this process's listeners; returns the
 * release. Resolves once the feed knows where the log stands (entries up to there are the
 * caller's to read from the database).
 */
export async function followIncident(incidentId: string): Promise<() => void> {
  const all = feeds();
  let feed = all.get(incidentId);
  if (!feed) {
    feed = { followers: 0, delivered: null, wanted: 0, pumping: false };
    all.set(incidentId, feed);
    const created = feed;
    await ensureListening();
    const row = await db().incident.findUnique({ where: { id: incidentId }, select: { lastSeq: true } });
    created.delivered = row?.lastSeq ?? 0;
    void pump(incidentId, created);
  }
  feed.followers++;
  const followed = feed;
  return () => {
    followed.followers--;
    if (followed.followers <= 0 && all.get(incidentId) === followed) all.delete(incidentId);
  };
}

/** Starts this process's LISTEN connection for the incident list streams (PostgreSQL). */
export function followList(): Promise<void> {
  feeds();
  return ensureListening();
}

/** Entries this process just committed (any incidents, each incident's in seq order). */
export function publishCommitted(entries: readonly IncidentEntry[]): void {
  const all = feeds();
  const lastOf = new Map<string, number>();
  for (const entry of entries) {
    lastOf.set(entry.incidentId, Math.max(lastOf.get(entry.incidentId) ?? 0, entry.seq));
    const feed = all.get(entry.incidentId);
    if (!feed) continue;
    if (feed.delivered !== null && !feed.pumping && entry.seq === feed.delivered + 1) deliver(feed, entry);
    else want(entry.incidentId, feed, entry.seq);
  }
  // On PostgreSQL the list streams hear every instance's commits (this one's too) by NOTIFY.
  if (!usesNotify()) for (const [incidentId, seq] of lastOf) deliverListChange(incidentId, seq);
}

/** Inside the appending transaction: tells the other instances (PostgreSQL; nothing on SQLite). */
export async function notifyCommitted(tx: Prisma.TransactionClient, incidentId: string, seq: number): Promise<void> {
  if (!usesNotify()) return;
  await tx.$executeRaw`SELECT pg_notify(${CHANNELS.entries}, ${JSON.stringify({ incidentId, seq })})`;
}
