#!/usr/bin/env node
// The production server for the browser tests: a fresh database (SQLite file, or PostgreSQL with
// RIPCORD_TEST_DATABASE=postgresql), every migration, `next start`.
import { projectRoot } from "./kafka/local-kafka.mjs";
import { quietEnv, run } from "./lib/run.mjs";
import { migratedTestDatabase } from "./lib/test-database.mjs";

process.chdir(projectRoot);
const database = migratedTestDatabase(`e2e-${process.env.PORT ?? "3100"}`);
const env = { ...process.env, ...quietEnv, DATABASE_URL: database.url, KAFKA_CONNECT_TIMEOUT_MS: process.env.KAFKA_CONNECT_TIMEOUT_MS ?? "2000" };
const server = run("npx", ["next", "start", "-H", "127.0.0.1", "-p", process.env.PORT ?? "3100"], { env });
process.on("SIGTERM", () => process.exit(0));
process.exit(await server);
