import "server-only";
import { routeScope } from "@/lib/domain/catalog/match";
import type { CatalogEntry } from "@/lib/domain/catalog/types";
import { TREE_MARK_KIND, type TreeMarkPayload } from "@/lib/domain/diagnosis-marks/types";
import { deriveIncident } from "@/lib/domain/incidents/derive";
import type { IncidentEntry, IncidentScope } from "@/lib/domain/incidents/types";
import { audiencesByChannel } from "@/lib/domain/notifications/audience";
import { composeMessage } from "@/lib/domain/notifications/compose";
import { notificationEventOf } from "@/lib/domain/notifications/events";
import { formatBody } from "@/lib/domain/notifications/format";
import { deriveRouting } from "@/lib/domain/routing/derive";
import { causeOf } from "@/lib/domain/routing/follow";
import type { ClusterRoutingSettings } from "@/lib/domain/routing/types";
import { listCatalogEntries } from "@/lib/server/catalog/list-entries";
import { db, isPrismaError } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { toEntry } from "@/lib/server/incidents/mappers";
import { log } from "@/lib/server/log";
import { ensureRouting } from "@/lib/server/routing/ensure-routing";
import { followCause } from "@/lib/server/routing/follow-cause";
import { allRoutingSettings } from "./get-cluster-routing";
import { toChannel, toRoutingSettings, type StoredChannel } from "./mappers";

/** The dashboard's address for links (RIPCORD_PUBLIC_URL, else http://localhost:PORT). */
export function publicUrl(): string {
  return (env().RIPCORD_PUBLIC_URL ?? `http://localhost:${env().PORT}`).replace(/\/+$/, "");
}

interface Round {
  catalog: CatalogEntry[];
  settings: Map<string, ClusterRoutingSettings>;
  channels: Map<string, StoredChannel>;
}

async function loadRound(): Promise<Round> {
  const [catalog, settings, channels] = await Promise.all([listCatalogEntries(), allRoutingSettings(), db().notificationChannel.findMany()]);
  return { catalog, settings, channels: new Map(channels.map((c) => [c.name, toChannel(c)])) };
}

const entriesOf = async (incidentId: string): Promise<IncidentEntry[]> => (await db().incidentEntry.findMany({ where: { incidentId }, orderBy: { seq: "asc" } })).map(toEntry);

/**
 * Entries the log reacts to before anything is announced: an opening gets its routing (every
 * way an incident opens), a commander confirming a cause in the tree moves the routing to that
 * cause's side. Both append entries of their own (idempotent), announced in the next round.
 */
async function react(incident: { id: string; scope: IncidentScope }, fresh: readonly IncidentEntry[], all: readonly IncidentEntry[], round: Round, settings: ClusterRoutingSettings): Promise<boolean> {
  let wrote = false;
  if (fresh.some((e) => e.kind === "incident-opened")) wrote = (await ensureRouting(incident, all, round.catalog, settings)) || wrote;
  for (const e of fresh) {
    if (e.kind !== TREE_MARK_KIND) continue;
    const mark = e.payload as TreeMarkPayload;
    if (mark.mark !== "confirmed") continue;
    const cause = causeOf(mark.leafId, null, [mark.note]);
    if (!cause) continue;
    const log = wrote ? await entriesOf(incident.id) : all;
    wrote = (await followCause(incident, log, cause, "confirmed", { catalog: round.catalog, settings, key: `routing-follow:${e.id}` })) || wrote;
  }
  return wrote;
}

interface QueuedDelivery {
  channelId: string;
  channelName: string;
  entryId: string;
  entrySeq: number;
  event: string;
  audience: string;
  body: string;
}

/** The deliveries the entries after `after` (up to `upTo`) call for, composed from the whole log. */
function deliveriesFor(entries: readonly IncidentEntry[], after: number, upTo: number, scope: IncidentScope, round: Round, settings: ClusterRoutingSettings, incidentUrl: string): QueuedDelivery[] {
  const state = deriveIncident(entries);
  const routing = deriveRouting(entries);
  const catalog = routeScope(round.catalog, scope).matches.map((m) => ({ kind: m.kind, match: m.entry.match, channels: m.entry.channels }));
  const out: QueuedDelivery[] = [];
  for (const entry of entries) {
    if (entry.seq <= after || entry.seq > upTo) continue;
    const event = notificationEventOf(entry, entries.filter((e) => e.seq < entry.seq));
    if (!event) continue;
    for (const [name, audiences] of audiencesByChannel({ event, routing, catalog, cluster: settings })) {
      const channel = round.channels.get(name);
      const message = composeMessage({ event, entry, entries, state, routing, audiences, incidentUrl });
      out.push({
        channelId: channel?.id ?? `missing:${name}`,
        channelName: name,
        entryId: entry.id,
        entrySeq: entry.seq,
        event,
        audience: JSON.stringify(audiences),
        body: formatBody(channel?.format ?? "json", message),
      });
    }
  }
  return out;
}

class CursorMoved extends Error {}

/**
 * The notifier's outbox step: reads each incident's log past its cursor, reacts (routing),
 * then queues one delivery per announced entry and channel and advances the cursor — in one
 * transaction, so a crash between queueing and the cursor loses nothing and doubles nothing
 * (and a second process reading the same log gives up its round). The log itself is the
 * outbox: writing an incident entry never waits for any of this.
 */
export async function queueNotifications(opts: { incidentIds?: readonly string[]; updatedSinceMs?: number } = {}): Promise<number> {
  const since = new Date(Date.now() - (opts.updatedSinceMs ?? 10 * 60_000));
  const incidents = await db().incident.findMany({
    where: opts.incidentIds ? { id: { in: [...opts.incidentIds] } } : { updatedAt: { gte: since } },
    select: { id: true, lastSeq: true, cluster: true, scope: true },
  });
  if (incidents.length === 0) return 0;
  const cursors = new Map((await db().notificationCursor.findMany({ where: { incidentId: { in: incidents.map((i) => i.id) } } })).map((c) => [c.incidentId, c.lastSeq]));
  const behind = incidents.filter((i) => i.lastSeq > (cursors.get(i.id) ?? 0));
  if (behind.length === 0) return 0;
  const round = await loadRound();
  let queued = 0;
  for (const row of behind) {
    const incident = { id: row.id, scope: JSON.parse(row.scope) as IncidentScope };
    const after = cursors.get(row.id) ?? 0;
    const hadCursor = cursors.has(row.id);
    try {
      let entries = await entriesOf(row.id);
      const upTo = entries[entries.length - 1]?.seq ?? after;
      const settings = round.settings.get(row.cluster) ?? toRoutingSettings(row.cluster, null);
      if (await react(incident, entries.filter((e) => e.seq > after), entries, round, settings)) entries = await entriesOf(row.id);
      const deliveries = deliveriesFor(entries, after, upTo, incident.scope, round, settings, `${publicUrl()}/incidents/${row.id}`);
      const now = new Date();
      await db().$transaction(async (tx) => {
        if (hadCursor) {
          const moved = await tx.notificationCursor.updateMany({ where: { incidentId: row.id, lastSeq: after }, data: { lastSeq: upTo } });
          if (moved.count !== 1) throw new CursorMoved();
        } else {
          await tx.notificationCursor.create({ data: { incidentId: row.id, lastSeq: upTo } });
        }
        for (const d of deliveries) {
          const missing = d.channelId.startsWith("missing:");
          await tx.notificationDelivery.create({
            data: {
              ...d,
              incidentId: row.id,
              status: missing ? "failed" : "queued",
              lastError: missing ? `no notification channel named ${d.channelName} (the catalog or a cluster default names it)` : null,
              nextAttemptAt: now,
            },
          });
        }
      });
      queued += deliveries.length;
    } catch (error) {
      const raced = error instanceof CursorMoved || isPrismaError(error, "P2002");
      if (!raced) log("warn", "queueing notifications failed", { incidentId: row.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return queued;
}
