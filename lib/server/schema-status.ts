import "server-only";
import { db } from "./db";

/**
 * Names of the migrations applied to the database, or null when it has none at all (a new file).
 * Read with a plain query so a CLI can decide whether `prisma migrate deploy` is needed: running it
 * against a database a live server holds fails with SQLITE_BUSY ("unknown variant SocketTimeout").
 */
export async function appliedMigrations(): Promise<Set<string> | null> {
  try {
    const rows = await db().$queryRawUnsafe<{ migration_name: string }[]>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    return new Set(rows.map((r) => r.migration_name));
  } catch {
    return null;
  }
}
