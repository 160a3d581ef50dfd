#!/usr/bin/env node
// npm run kafka:up | kafka:down [-- --clean] | kafka:status | node scripts/kafka/cli.mjs fetch | node scripts/kafka/cli.mjs stop-node N | start-node N
import { UsageError, bootstrapServers, checkPrerequisites, down, kafkaSettings, resolveClasspath, resolveJmxExporter, runningCluster, startNode, stopNode, up } from "./local-kafka.mjs";

const [command, ...args] = process.argv.slice(2);

async function main() {
  const settings = kafkaSettings();
  switch (command) {
    case "up":
      await up(settings);
      console.log(bootstrapServers(settings));
      return;
    case "fetch":
      // Resolve and cache the jars without starting anything (CI warms the cache with this).
      checkPrerequisites();
      resolveClasspath(settings, console.error);
      resolveJmxExporter(settings, console.error);
      console.error(`Apache Kafka ${settings.version} jars and the JMX exporter agent are cached`);
      return;
    case "down":
      await down(settings, { clean: args.includes("--clean") });
      return;
    case "status": {
      const running = runningCluster(settings);
      if (!running) {
        console.log(`no Kafka running on port ${settings.port}`);
        process.exitCode = 1;
        return;
      }
      console.log(`Kafka ${running.version}: nodes ${running.alive.join(",")} of ${running.nodes} alive at ${bootstrapServers(settings)}`);
      return;
    }
    case "stop-node":
    case "kill-node": {
      const id = Number(args[0]);
      await stopNode(settings, id, { signal: command === "kill-node" ? "SIGKILL" : "SIGTERM" });
      console.error(`node ${id} stopped`);
      return;
    }
    case "start-node":
      await startNode(settings, Number(args[0]));
      console.error(`node ${args[0]} started`);
      return;
    default:
      throw new UsageError(`unknown command "${command ?? ""}": use up, down, fetch, status, stop-node N, kill-node N or start-node N`);
  }
}

main().catch((error) => {
  console.error(`kafka: ${error instanceof UsageError ? error.message : error.message || error}`);
  process.exit(1);
});
