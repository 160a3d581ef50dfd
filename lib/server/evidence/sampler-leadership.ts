import "server-only";
import pg from "pg";
import { databaseProvider } from "../db";
import { env } from "../env";
import { log } from "../log";
import type { SamplerLeadership } from "./sampler";

/**
 * One sampler per cluster across instances (PostgreSQL): the instance holding a session-level
 * advisory lock on the cluster's key samples and persists; the others follow its rows from the
 * database. The lock lives on a dedicated connection: when the leader dies (even by SIGKILL)
 * its connection closes, PostgreSQL releases the lock at once, and the next instance to try
 * (each tries every sampling interval) takes over. Losing the connection loses the lock, so a
 * leader whose connection broke stops sampling before anyone else can start. On SQLite only one
 * instance is supported, and it always leads (`null`).
 */
// Releases still under way in this process, per cluster: a sampler made again for the same
// cluster (a configuration change, tests) must not try the lock while this process's previous
// session still holds it, or it would find itself a follower of its own stopped sampler and
// serve that sampler's stored evidence (e.g. 200 with old data for a Kafka it cannot reach).
const RELEASING = Symbol.for("ripcord.evidence.sampler-lock-releases");
const releases = ((globalThis as typeof globalThis & { [RELEASING]?: Map<string, Promise<void>> })[RELEASING] ??= new Map());

export function samplerLeadership(cluster: string): SamplerLeadership | null {
  if (databaseProvider() !== "postgresql") return null;
  const key = `ripcord.sampler:${cluster}`;
  let client: pg.Client | null = null;
  let held = false;
  const drop = (why: string) => {
    const wasHeld = held;
    if (held) log("warn", "evidence sampler: leadership lost", { cluster, why });
    held = false;
    const c = client;
    client = null;
    if (!c) return;
    // unlock before closing: the answer to the unlock is the moment the lock is free (a closed
    // socket alone does not say the server has ended the session yet)
    const released = (wasHeld ? c.query("SELECT pg_advisory_unlock(hashtext($1))", [key]).then(() => undefined) : Promise.resolve())
      .catch(() => undefined)
      .then(() => c.end())
      .catch(() => undefined);
    releases.set(cluster, released);
    void released.then(() => {
      if (releases.get(cluster) === released) releases.delete(cluster);
    });
  };
  return {
    held: () => held,
    async acquire(): Promise<boolean> {
      if (held && client) return true;
      try {
        await releases.get(cluster);
        if (!client) {
          const c = new pg.Client({ connectionString: env().DATABASE_URL, application_name: "ripcord-sampler-lock" });
          // only this session's own loss counts (an ended earlier session must not drop a newer one)
          c.on("error", (error) => client === c && drop(String(error)));
          c.on("end", () => client === c && drop("connection closed"));
          await c.connect();
          client = c;
        }
        const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [key]);
        held = rows[0]?.locked === true;
        if (held) log("info", "evidence sampler: this instance leads", { cluster });
        return held;
      } catch (error) {
        drop(String(error));
        return false;
      }
    },
    release(): void {
      drop("stopped");
    },
  };
}
