#!/usr/bin/env node
// Runs a command with KAFKA_BROKERS pointing at the local Kafka, starting it first when needed
// and stopping afterwards only what this script started.
import { bootstrapServers, down, kafkaSettings, up } from "./kafka/local-kafka.mjs";
import { quietEnv, run } from "./lib/run.mjs";

const [command, ...args] = process.argv.slice(2);
const env = { ...process.env, ...quietEnv };
let started = null;
if (!env.KAFKA_BROKERS) {
  const settings = kafkaSettings(env);
  if ((await up(settings)).started) started = settings;
  env.KAFKA_BROKERS = bootstrapServers(settings);
}
const code = await run(command, args, { env });
if (started && !process.env.KEEP_KAFKA) await down(started, {});
process.exit(code);
