#!/usr/bin/env node
// `npm start`: migrate, build when missing or stale, start the local Kafka when KAFKA_BROKERS
// is unset and Java is present (and, beside it, Debian's Prometheus scraping its brokers when the
// binary is there and PROMETHEUS_URL is unset), then serve on :3000 (PORT overrides).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildIsStale } from "./lib/build-state.mjs";
import { quietEnv, run } from "./lib/run.mjs";
import { UsageError, bootstrapServers, checkPrerequisites, down, kafkaSettings, projectRoot, runningCluster, up } from "./kafka/local-kafka.mjs";
import { localTargets, missingBinaryMessage, prometheusAvailable, prometheusSettings, runningPrometheus, startPrometheus, stopPrometheus } from "./prometheus/local-prometheus.mjs";

const say = (message) => console.error(`ripcord: ${message}`);

/** What this process started and must stop on exit or on a signal. */
const owned = { kafka: null, prometheus: null, server: null };

async function stopOwned() {
  if (owned.server) {
    const server = owned.server;
    owned.server = null;
    const gone = new Promise((resolve) => server.on("exit", resolve));
    server.kill("SIGTERM");
    await gone;
  }
  if (owned.prometheus) {
    const settings = owned.prometheus;
    owned.prometheus = null;
    await stopPrometheus(settings, {}, say);
  }
  if (owned.kafka) {
    const settings = owned.kafka;
    owned.kafka = null;
    await down(settings, {}, say);
  }
}

/** Set by Ctrl-C / SIGTERM: a requested stop, which ends with exit code 0 once all is down. */
let stopping = false;

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopping = true;
    stopOwned().finally(() => process.exit(0));
  });
}

/** Debian's Prometheus beside the local Kafka, so broker metrics work out of the box. */
async function startLocalPrometheus(env) {
  const settings = prometheusSettings(env);
  if (!prometheusAvailable(settings)) {
    say(`${missingBinaryMessage(settings)}; broker metrics stay off`);
    return;
  }
  try {
    if (!runningPrometheus(settings)) owned.prometheus = settings;
    const { url } = await startPrometheus(settings, localTargets(env.KAFKA_BROKERS), say);
    env.PROMETHEUS_URL = url;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    owned.prometheus = null;
    say(`${error.message}; broker metrics stay off`);
  }
}

async function main() {
  process.chdir(projectRoot);
  const env = { ...process.env, ...quietEnv };
  env.DATABASE_URL ||= `file:${path.join(projectRoot, "data", "ripcord.db")}`;
  fs.mkdirSync(path.join(projectRoot, "data"), { recursive: true });

  say("applying database migrations…");
  if ((await run("npx", ["prisma", "migrate", "deploy"], { env, stdio: ["ignore", "ignore", "inherit"] })) !== 0) {
    throw new Error("database migration failed (see above)");
  }

  const stale = buildIsStale(projectRoot);
  if (stale) {
    say(`building the dashboard (${stale})…`);
    if ((await run("npx", ["next", "build"], { env })) !== 0) throw new Error("next build failed (see above)");
  }

  if (env.RIPCORD_CLUSTERS_FILE) {
    say(`reading the Kafka clusters of ${env.RIPCORD_CLUSTERS_FILE}`);
  } else if (!env.KAFKA_BROKERS) {
    const settings = kafkaSettings(env);
    try {
      checkPrerequisites();
      // Owned from before it starts: a signal during start-up must stop it too.
      if (!runningCluster(settings)) owned.kafka = settings;
      await up(settings, say);
      env.KAFKA_BROKERS = bootstrapServers(settings);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      say(`${error.message}; the dashboard starts without live Kafka evidence`);
    }
    if (env.KAFKA_BROKERS && !env.PROMETHEUS_URL) await startLocalPrometheus(env);
  } else {
    say(`reading the Kafka cluster at ${env.KAFKA_BROKERS}`);
  }

  const port = env.PORT || "3000";
  say(`serving on http://localhost:${port}`);
  owned.server = spawn(process.execPath, [path.join(projectRoot, "node_modules", "next", "dist", "bin", "next"), "start", "-p", port], { env, stdio: "inherit" });
  const code = await new Promise((resolve) => owned.server.on("exit", (c) => resolve(c ?? 0)));
  // The server went down because we were asked to stop (it exits 143 on SIGTERM): the signal
  // handler finishes the shutdown and exits 0.
  if (stopping) return;
  owned.server = null;
  await stopOwned();
  process.exit(code);
}

main().catch(async (error) => {
  say(error.message || String(error));
  await stopOwned();
  process.exit(1);
});
