#!/usr/bin/env node
// Browser end-to-end layer: make sure the production build is current, then run Playwright
// (which starts `next start` against a fresh SQLite file and the run's Kafka).
import { buildIsStale } from "./lib/build-state.mjs";
import { projectRoot } from "./kafka/local-kafka.mjs";
import { quietEnv, run } from "./lib/run.mjs";

process.chdir(projectRoot);
const env = { ...process.env, ...quietEnv };
const stale = buildIsStale(projectRoot);
if (stale) {
  console.error(`e2e: building the dashboard (${stale})…`);
  const code = await run("npx", ["next", "build"], { env });
  if (code !== 0) process.exit(code);
}
process.exit(await run("npx", ["playwright", "test", ...process.argv.slice(2)], { env }));
