import type { TestProject } from "vitest/node";
import { bootstrapServers, down, kafkaSettings, up } from "../../scripts/kafka/local-kafka.mjs";
import { down as pgDown, pgSettings, up as pgUp } from "../../scripts/pg/local-pg.mjs";
import { dropCopiesOf, migratedTestDatabase, sealTemplate, testDatabaseProvider } from "../../scripts/lib/test-database.mjs";

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

  // the template every test file's own copy is made from (setup-env.ts)
  const database = migratedTestDatabase(`integration-${process.pid}`);
  sealTemplate(database.url);

  project.provide("kafkaBrokers", brokers);
  project.provide("databaseUrl", database.url);

  return async () => {
    dropCopiesOf(database.url);
    database.drop();
    if (pgStartedHere && !process.env.KEEP_PG) await pgDown(pgSettings(), {}, () => {});
    if (startedHere && !process.env.KEEP_KAFKA) await down(settings, {}, () => {});
  };
}
