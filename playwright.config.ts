import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { portOf } from "./scripts/lib/ports.mjs";

export const E2E_PORT = portOf("E2E_PORT", 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

// Debian's Chromium (Playwright's own browser download cannot be fetched here). The flags keep
// it off the network it cannot reach and make it run as root in CI.
const chromium = {
  ...devices["Desktop Chrome"],
  viewport: { width: 1440, height: 900 },
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  },
};

export default defineConfig({
  testDir: "e2e",
  outputDir: process.env.E2E_PORT ? `e2e-artifacts/output-${process.env.E2E_PORT}` : "e2e-artifacts/output",
  fullyParallel: false,
  workers: 2,
  // No retries: a flaky spec is a bug to find, not to run again.
  retries: 0,
  timeout: 90_000,
  // A condition waited for, not a speed bound: on 2 shared cores a live page's first stream
  // event or a presence heartbeat took over 10 s at load 28 (CI on 601942b).
  expect: { timeout: 20_000 },
  reporter: [["list"], ["json", { outputFile: path.join("test-results", "e2e.json") }]],
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    baseURL: E2E_BASE_URL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    { name: "chromium", use: chromium, testIgnore: /kafka-outage\.spec\.ts/ },
    // Stops and restarts the run's only Kafka, so it goes last, after every other spec.
    { name: "kafka-outage", use: chromium, testMatch: /kafka-outage\.spec\.ts/, dependencies: ["chromium"] },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${E2E_BASE_URL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // the freshness watch would open incidents for the specs' deliberately lagging catalogued groups
    env: { PORT: String(E2E_PORT), RIPCORD_FRESHNESS_WATCH: process.env.RIPCORD_FRESHNESS_WATCH ?? "off" },
  },
});
