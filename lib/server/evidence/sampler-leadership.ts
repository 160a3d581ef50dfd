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
export function samplerLeadership(cluster: string): SamplerLeadership | null {
  if (databaseProvider() !== "postgresql") return null;
  let client: pg.Client | null = null;
  let held = false;
  const drop = (why: string) => {
    if (held) log("warn", "evidence sampler: leadership lost", { cluster, why });
    held = false;
    const c = client;
    client = null;
    void c?.end().catch(() => undefined);
  };
  return {
    held: () => held,
    async acquire(): Promise<boolean> {
      if (held && client) return true;
      try {
        if (!client) {
          const c = new pg.Client({ connectionString: env().DATABASE_URL, application_name: "ripcord-sampler-lock" });
          c.on("error", (error) => drop(String(error)));
          c.on("end", () => drop("connection closed"));
          await c.connect();
          client = c;
        }
        const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [`ripcord.sampler:${cluster}`]);
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
