#!/usr/bin/env node
// Browser end-to-end layer: make sure the production build is current, then run Playwright
// (which starts `next start` against a fresh SQLite file and the run's Kafka).
import { buildIsStale } from "./lib/build-state.mjs";
import { projectRoot } from "./kafka/local-kafka.mjs";
import { portOf } from "./lib/ports.mjs";
import { quietEnv, run } from "./lib/run.mjs";

process.chdir(projectRoot);
// A run on its own port (E2E_PORT) gets its own build folder, so runs in parallel never share one.
if (process.env.E2E_PORT && process.env.E2E_PORT !== String(portOf("E2E_PORT", 3100, {})) && !process.env.RIPCORD_DIST_DIR) {
  process.env.RIPCORD_DIST_DIR = `.next-e2e-${process.env.E2E_PORT}`;
}
const env = { ...process.env, ...quietEnv };
const stale = buildIsStale(projectRoot);
if (stale) {
  console.error(`e2e: building the dashboard (${stale})…`);
  const code = await run("npx", ["next", "build"], { env });
  if (code !== 0) process.exit(code);
}
process.exit(await run("npx", ["playwright", "test", ...process.argv.slice(2)], { env }));
