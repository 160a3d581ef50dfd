import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { inject } from "vitest";

// Every integration test file sees the run's broker list and database through the environment,
// exactly as the server reads them.
process.env.KAFKA_BROKERS = inject("kafkaBrokers");
process.env.DATABASE_URL = ownSqliteCopy(inject("databaseUrl"));
// The in-process evidence sampler samples every 2 s (the server's default is 10 s): tests wait
// for the history they need instead of ten-second ticks.
process.env.RIPCORD_SAMPLE_INTERVAL_MS ??= "2000";

/**
 * On SQLite each test file gets its own copy of the run's freshly migrated database. SQLite is
 * one instance's database: test files sharing one file behaved like several instances that each
 * believe they lead the sampler, so every file's evidence watcher re-judged every other file's
 * open incidents from its own (shorter) history and flipped their severity proposals. On
 * PostgreSQL the files share the run's database as instances do, with the sampler leadership
 * lock deciding who watches.
 */
function ownSqliteCopy(url: string): string {
  if (!url.startsWith("file:")) return url;
  const template = url.slice("file:".length);
  const copy = template.replace(/\.db$/, `-${randomUUID().slice(0, 8)}.db`);
  fs.copyFileSync(template, copy); // removed with the template at global teardown
  return `file:${copy}`;
}
