import "server-only";
import pg from "pg";
import { databaseProvider } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";

/**
 * PostgreSQL LISTEN/NOTIFY between instances, on one dedicated connection per process (not the
 * Prisma pool: a pooled connection would drop its LISTEN when returned). Notifications carry
 * ids only, never entries (NOTIFY payloads are capped at 8000 bytes): each instance reads what
 * it needs from the database. A rolled-back transaction's NOTIFY is never delivered, so a
 * notification always names committed rows. On a lost connection it reconnects and calls
 * every `onReconnect` hook (what was announced meanwhile may have been missed).
 */
export const CHANNELS = { entries: "ripcord_entries", presence: "ripcord_presence" } as const;
export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

type Handler = (payload: string) => void;

interface ListenerState {
  client: pg.Client | null;
  connecting: Promise<void> | null;
  handlers: Map<Channel, Set<Handler>>;
  reconnectHooks: Set<() => void>;
  stopped: boolean;
}

const KEY = Symbol.for("ripcord.live.pg-channel");
const holder = globalThis as typeof globalThis & { [KEY]?: ListenerState };

function state(): ListenerState {
  holder[KEY] ??= { client: null, connecting: null, handlers: new Map(), reconnectHooks: new Set(), stopped: false };
  return holder[KEY];
}

export function usesNotify(): boolean {
  return databaseProvider() === "postgresql";
}

async function connect(s: ListenerState, reconnect: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL, application_name: "ripcord-listen" });
  client.on("notification", (message) => {
    for (const handler of s.handlers.get(message.channel as Channel) ?? []) {
      try {
        handler(message.payload ?? "");
      } catch (error) {
        log("warn", "live notification handler failed", { channel: message.channel, error: String(error) });
      }
    }
  });
  const lost = (error?: unknown) => {
    if (s.client !== client) return;
    s.client = null;
    client.removeAllListeners("end");
    void client.end().catch(() => undefined);
    if (s.stopped) return;
    log("warn", "live updates: the LISTEN connection was lost; reconnecting", { error: error ? String(error) : "closed" });
    setTimeout(() => void ensureListening(true), 1000).unref?.();
  };
  client.on("error", lost);
  client.on("end", () => lost());
  await client.connect();
  for (const channel of Object.values(CHANNELS)) await client.query(`LISTEN ${channel}`);
  s.client = client;
  if (reconnect) for (const hook of s.reconnectHooks) hook();
}

/** Starts (once) the process's LISTEN connection; resolves when it listens. No-op on SQLite. */
export function ensureListening(reconnect = false): Promise<void> {
  const s = state();
  if (!usesNotify() || s.client) return Promise.resolve();
  s.stopped = false;
  s.connecting ??= connect(s, reconnect)
    .catch((error: unknown) => {
      log("warn", "live updates: cannot LISTEN; retrying", { error: String(error) });
      setTimeout(() => void ensureListening(true), 1000).unref?.();
    })
    .finally(() => {
      s.connecting = null;
    });
  return s.connecting;
}

export function onNotification(channel: Channel, handler: Handler): void {
  const s = state();
  let set = s.handlers.get(channel);
  if (!set) s.handlers.set(channel, (set = new Set()));
  set.add(handler);
}

export function onReconnect(hook: () => void): void {
  state().reconnectHooks.add(hook);
}
