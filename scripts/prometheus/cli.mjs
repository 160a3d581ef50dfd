#!/usr/bin/env node
// npm run metrics:up | metrics:down [-- --clean] | metrics:status
// Debian's Prometheus on 127.0.0.1:PROMETHEUS_PORT (9090) scraping every broker of the local Kafka at KAFKA_PORT.
import { UsageError, localKafkaTargets, prometheusSettings, prometheusUrl, runningPrometheus, startPrometheus, stopPrometheus } from "./local-prometheus.mjs";

const [command, ...args] = process.argv.slice(2);

async function main() {
  const settings = prometheusSettings();
  switch (command) {
    case "up": {
      const { url } = await startPrometheus(settings, localKafkaTargets());
      console.log(`PROMETHEUS_URL=${url}`);
      return;
    }
    case "down":
      await stopPrometheus(settings, { clean: args.includes("--clean") });
      return;
    case "status": {
      const running = runningPrometheus(settings);
      if (!running) {
        console.log(`no Prometheus running on port ${settings.port}`);
        process.exitCode = 1;
        return;
      }
      console.log(`Prometheus (pid ${running.pid}) at ${prometheusUrl(settings)}`);
      return;
    }
    default:
      throw new UsageError(`unknown command "${command ?? ""}": use up, down or status`);
  }
}

main().catch((error) => {
  console.error(`metrics: ${error.message || error}`);
  process.exit(1);
});
