#!/usr/bin/env node
// The production server for the browser tests: a fresh database (SQLite file, or PostgreSQL with
// RIPCORD_TEST_DATABASE=postgresql), every migration, `next start`.
import { projectRoot } from "./kafka/local-kafka.mjs";
import { quietEnv, run } from "./lib/run.mjs";
import { migratedTestDatabase } from "./lib/test-database.mjs";

process.chdir(projectRoot);
const database = migratedTestDatabase(`e2e-${process.env.PORT ?? "3100"}`);
// No Prometheus (whatever the shell exports): the specs see the "broker metrics not visible" state;
// e2e/broker-metrics.spec.ts starts its own server with one.
const env = { ...process.env, ...quietEnv, DATABASE_URL: database.url, KAFKA_CONNECT_TIMEOUT_MS: process.env.KAFKA_CONNECT_TIMEOUT_MS ?? "2000", PROMETHEUS_URL: "" };
const server = run("npx", ["next", "start", "-H", "127.0.0.1", "-p", process.env.PORT ?? "3100"], { env });
process.on("SIGTERM", () => process.exit(0));
process.exit(await server);
