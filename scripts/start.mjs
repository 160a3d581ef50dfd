#!/usr/bin/env node
// `npm start`: migrate, build when missing or stale, start the local Kafka when KAFKA_BROKERS
// is unset and Java is present, then serve on :3000 (PORT overrides).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildIsStale } from "./lib/build-state.mjs";
import { quietEnv, run } from "./lib/run.mjs";
import { UsageError, bootstrapServers, checkPrerequisites, down, kafkaSettings, projectRoot, up } from "./kafka/local-kafka.mjs";

const say = (message) => console.error(`ripcord: ${message}`);

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

  let startedKafka = null;
  if (!env.KAFKA_BROKERS) {
    const settings = kafkaSettings(env);
    try {
      checkPrerequisites();
      const result = await up(settings, say);
      if (result.started) startedKafka = settings;
      env.KAFKA_BROKERS = bootstrapServers(settings);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      say(`${error.message}; the dashboard starts without live Kafka evidence`);
    }
  } else {
    say(`reading the Kafka cluster at ${env.KAFKA_BROKERS}`);
  }

  const port = env.PORT || "3000";
  say(`serving on http://localhost:${port}`);
  const server = spawn(process.execPath, [path.join(projectRoot, "node_modules", "next", "dist", "bin", "next"), "start", "-p", port], { env, stdio: "inherit" });
  const exited = new Promise((resolve) => server.on("exit", (code) => resolve(code ?? 0)));
  const stop = async () => {
    if (startedKafka) await down(startedKafka, {}, say);
  };
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, async () => {
      // Stop the server first (it may not share our process group), then the Kafka we started.
      server.kill("SIGTERM");
      await exited;
      await stop();
      process.exit(0);
    });
  }
  const code = await exited;
  await stop();
  process.exit(code);
}

main().catch((error) => {
  say(error.message || String(error));
  process.exit(1);
});
