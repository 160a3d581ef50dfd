import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { bootstrapServers, down, kafkaSettings, up } from "../../scripts/kafka/local-kafka.mjs";
import { down as pgDown, pgSettings, up as pgUp } from "../../scripts/pg/local-pg.mjs";
import { migratedTestDatabase, testDatabaseProvider } from "../../scripts/lib/test-database.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    kafkaBrokers: string;
    databaseUrl: string;
  }
}

/**
 * Starts the local Kafka unless one already answers (KAFKA_BROKERS set means "use that
 * cluster"), gives the run a fresh database with every migration applied — a SQLite file, or
 * with RIPCORD_TEST_DATABASE=postgresql a database on the local PostgreSQL (started here when
 * it is not running) — and stops on teardown only what it started itself.
 */
export default async function setup(project: TestProject) {
  let startedHere = false;
  let brokers = process.env.KAFKA_BROKERS;
  const settings = kafkaSettings();
  if (!brokers) {
    const result = await up(settings, () => {});
    startedHere = result.started;
    brokers = bootstrapServers(settings);
  }
  let pgStartedHere = false;
  if (testDatabaseProvider() === "postgresql") pgStartedHere = (await pgUp(pgSettings(), () => {})).started;

  const database = migratedTestDatabase(`integration-${process.pid}`);

  project.provide("kafkaBrokers", brokers);
  project.provide("databaseUrl", database.url);

  return async () => {
    database.drop();
    // each test file's own copy of a SQLite database (setup-env.ts)
    if (database.file) {
      const dir = path.dirname(database.file);
      const stem = path.basename(database.file, ".db");
      for (const name of fs.readdirSync(dir)) if (name.startsWith(`${stem}-`)) fs.rmSync(path.join(dir, name), { force: true });
    }
    if (pgStartedHere && !process.env.KEEP_PG) await pgDown(pgSettings(), {}, () => {});
    if (startedHere && !process.env.KEEP_KAFKA) await down(settings, {}, () => {});
  };
}
