#!/usr/bin/env node
// `npm test`: every layer in turn — unit, integration (real Kafka + SQLite), e2e (Chromium
// against the production build) — then one summary line per layer and a closing total.
import fs from "node:fs";
import path from "node:path";
import { bootstrapServers, down, kafkaSettings, projectRoot, up } from "./kafka/local-kafka.mjs";
import { buildIsStale } from "./lib/build-state.mjs";
import { quietEnv, run } from "./lib/run.mjs";

process.chdir(projectRoot);
const resultsDir = path.join(projectRoot, "test-results");
fs.mkdirSync(resultsDir, { recursive: true });
const only = process.argv.slice(2);

function vitestCounts(file) {
  try {
    const report = JSON.parse(fs.readFileSync(file, "utf8"));
    return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrorTests ?? 0), skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) };
  } catch {
    return null;
  }
}

function playwrightCounts(file) {
  try {
    const stats = JSON.parse(fs.readFileSync(file, "utf8")).stats;
    return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0, skipped: stats.skipped ?? 0 };
  } catch {
    return null;
  }
}

const layers = [
  {
    name: "unit",
    report: path.join(resultsDir, "unit.json"),
    counts: vitestCounts,
    command: ["npx", ["vitest", "run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(resultsDir, "unit.json")}`]],
  },
  {
    name: "integration",
    needsKafka: true,
    report: path.join(resultsDir, "integration.json"),
    counts: vitestCounts,
    command: ["npx", ["vitest", "run", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(resultsDir, "integration.json")}`]],
  },
  {
    name: "e2e",
    needsKafka: true,
    report: path.join(resultsDir, "e2e.json"),
    counts: playwrightCounts,
    command: ["node", ["scripts/e2e.mjs"]],
  },
].filter((layer) => only.length === 0 || only.includes(layer.name));

async function main() {
  const env = { ...process.env, ...quietEnv };
  let startedKafka = null;
  if (layers.some((l) => l.needsKafka) && !env.KAFKA_BROKERS) {
    const settings = kafkaSettings(env);
    const result = await up(settings);
    if (result.started) startedKafka = settings;
    env.KAFKA_BROKERS = bootstrapServers(settings);
  }
  const summary = [];
  // Some integration tests run the production server (restart after SIGKILL, Alertmanager
  // webhooks): build once, before the layers that need it.
  if (layers.some((l) => l.needsKafka)) {
    const stale = buildIsStale(projectRoot);
    if (stale) {
      console.log(`\n=== build (${stale}) ===`);
      const started = Date.now();
      if ((await run("npx", ["next", "build"], { env })) !== 0) throw new Error("next build failed");
      console.log(`build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  }
  try {
    for (const layer of layers) {
      fs.rmSync(layer.report, { force: true });
      const started = Date.now();
      console.log(`\n=== ${layer.name} tests ===`);
      const code = await run(layer.command[0], layer.command[1], { env });
      const seconds = (Date.now() - started) / 1000;
      const counts = layer.counts(layer.report) ?? { passed: 0, failed: code === 0 ? 0 : 1, skipped: 0 };
      // A runner that exits non-zero without a failed test (crash, no tests found) still fails the layer.
      if (code !== 0 && counts.failed === 0) counts.failed = 1;
      summary.push({ name: layer.name, code, seconds, ...counts });
    }
  } finally {
    if (startedKafka && !process.env.KEEP_KAFKA) await down(startedKafka, {});
  }
  console.log("\n=== summary ===");
  for (const s of summary) {
    console.log(`${s.name.padEnd(12)} ${s.code === 0 ? "PASS" : "FAIL"}  ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped  (${s.seconds.toFixed(1)} s)`);
  }
  const passed = summary.reduce((n, s) => n + s.passed, 0);
  const failed = summary.reduce((n, s) => n + s.failed, 0);
  const noTests = summary.some((s) => s.passed + s.failed === 0);
  if (noTests) console.log("a layer ran no test");
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || noTests || summary.some((s) => s.code !== 0) ? 1 : 0);
}

main().catch((error) => {
  console.error(`test: ${error.message || error}`);
  process.exit(1);
});
