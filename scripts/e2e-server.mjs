#!/usr/bin/env node
// The production server for the browser tests: a fresh SQLite file, every migration, `next start`.
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "./kafka/local-kafka.mjs";
import { quietEnv, run } from "./lib/run.mjs";

process.chdir(projectRoot);
const dbFile = path.join(projectRoot, "data", "test", `e2e-${process.env.PORT ?? "3100"}.db`);
fs.mkdirSync(path.dirname(dbFile), { recursive: true });
for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(dbFile + suffix, { force: true });
const env = { ...process.env, ...quietEnv, DATABASE_URL: `file:${dbFile}`, KAFKA_CONNECT_TIMEOUT_MS: process.env.KAFKA_CONNECT_TIMEOUT_MS ?? "2000" };
if ((await run("npx", ["prisma", "migrate", "deploy"], { env, stdio: ["ignore", "ignore", "inherit"] })) !== 0) process.exit(1);
const server = run("npx", ["next", "start", "-H", "127.0.0.1", "-p", process.env.PORT ?? "3100"], { env });
process.on("SIGTERM", () => process.exit(0));
process.exit(await server);
