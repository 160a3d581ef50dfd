#!/usr/bin/env node
// Closing line of CI: totals over every test report the run wrote.
import fs from "node:fs";
import path from "node:path";

const dir = "test-results";
let passed = 0;
let failed = 0;
for (const file of fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")) : []) {
  try {
    const report = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    if (report.stats) {
      passed += (report.stats.expected ?? 0) + (report.stats.flaky ?? 0);
      failed += report.stats.unexpected ?? 0;
    } else {
      passed += report.numPassedTests ?? 0;
      failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTests ?? 0);
    }
    console.log(`${file.padEnd(28)} read`);
  } catch {
    console.log(`${file.padEnd(28)} unreadable`);
  }
}
// A step that failed before writing a report (install, lint, typecheck) still fails the run.
const exitCode = Number(process.argv[2] ?? "0");
if (exitCode !== 0 && failed === 0) {
  console.log(`a CI step failed with exit code ${exitCode}`);
  failed = 1;
}
console.log(`ci: ${passed} passed, ${failed} failed`);
