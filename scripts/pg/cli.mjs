#!/usr/bin/env node
// npm run pg:up (prints the DATABASE_URL last) | pg:down [-- --clean] | node scripts/pg/cli.mjs status
import { PgUsageError, down, isRunning, pgSettings, pgUrl, up } from "./local-pg.mjs";

const [command, ...args] = process.argv.slice(2);

async function main() {
  const settings = pgSettings();
  switch (command) {
    case "up":
      await up(settings);
      console.log(pgUrl(settings));
      return;
    case "down":
      await down(settings, { clean: args.includes("--clean") });
      return;
    case "status":
      if (!isRunning(settings)) {
        console.log(`no PostgreSQL running on port ${settings.port}`);
        process.exitCode = 1;
        return;
      }
      console.log(pgUrl(settings));
      return;
    default:
      throw new PgUsageError(`unknown command "${command ?? ""}": use up, down or status`);
  }
}

main().catch((error) => {
  console.error(`pg: ${error.message || error}`);
  process.exit(1);
});
