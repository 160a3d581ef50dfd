import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { bootstrapServers, down, kafkaSettings, up } from "../../scripts/kafka/local-kafka.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    kafkaBrokers: string;
    databaseUrl: string;
  }
}

/**
 * Starts the local Kafka unless one already answers (KAFKA_BROKERS set means "use that
 * cluster"), gives the run a fresh SQLite file with every migration applied, and stops on
 * teardown only the Kafka it started itself.
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

  const dataDir = path.resolve("data", "test");
  fs.mkdirSync(dataDir, { recursive: true });
  const dbFile = path.join(dataDir, `integration-${process.pid}.db`);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(dbFile + suffix, { force: true });
  const databaseUrl = `file:${dbFile}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" },
    stdio: "pipe",
  });

  project.provide("kafkaBrokers", brokers);
  project.provide("databaseUrl", databaseUrl);

  return async () => {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(dbFile + suffix, { force: true });
    if (startedHere && !process.env.KEEP_KAFKA) await down(settings, {}, () => {});
  };
}
