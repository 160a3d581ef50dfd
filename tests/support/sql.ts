import Database from "better-sqlite3";
import pg from "pg";

/**
 * Runs one read-only query on the database at `url` (a test server's, not this process's) and
 * returns its rows: better-sqlite3 for file:…, pg for postgresql://…. Quote identifiers
 * ("EvidenceSample") so the same SQL runs on both.
 */
export async function queryRows<T extends Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql.replace(/\$\d+/g, "?")).all(...params) as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
