/**
 * Captures what a real Prometheus answers for every broker metric of the catalog, for the
 * domain unit tests (lib/domain/broker-metrics/__fixtures__/answers-<kafka version>.json):
 *   PROMETHEUS_URL=http://127.0.0.1:9090 npx tsx -C react-server scripts/capture-broker-metrics.ts --brokers HOST:PORT [--version 4.3.1]
 * Produces ~15 s of traffic into a temporary topic (so rates, latencies and per-topic series
 * exist), then writes the raw answers of one read and the brokers the cluster lists.
 */
import fs from "node:fs";
import path from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { prometheusConfigFrom } from "@/lib/domain/broker-metrics/config";
import { KafkajsGateway } from "@/lib/server/kafka/kafkajs-gateway";
import { BrokerMetricsReader } from "@/lib/server/prometheus/broker-metrics-reader";
import { parseBrokers } from "./drills-cli";

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const brokers = parseBrokers(argv[argv.indexOf("--brokers") + 1]);
  const version = argv.includes("--version") ? argv[argv.indexOf("--version") + 1]! : "4.3.1";
  const config = prometheusConfigFrom(process.env);
  if (!config) throw new Error("PROMETHEUS_URL is not set");
  const kafka = new Kafka({ brokers, clientId: "ripcord-capture-metrics", logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topic = `capture-metrics-${Date.now().toString(36)}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    await producer.send({ topic, messages: Array.from({ length: 50 }, (_, i) => ({ partition: i % 3, value: `capture ${i}`.padEnd(200, ".") })) });
    await new Promise((r) => setTimeout(r, 100));
  }
  const gateway = new KafkajsGateway({ brokers, clientId: "ripcord-capture-metrics", connectTimeoutMs: 3000, requestTimeoutMs: 5000, retries: 1 });
  const cluster = await gateway.describeCluster();
  const reader = new BrokerMetricsReader(config);
  const raw = await reader.fetch(Date.now());
  if (raw.error) throw raw.error;
  const out = path.resolve(import.meta.dirname, "..", "lib", "domain", "broker-metrics", "__fixtures__", `answers-${version}.json`);
  const text = JSON.stringify({ kafkaVersion: version, at: raw.at, labelNames: reader.labelNames, brokers: cluster.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host })), answers: raw.answers }, null, 1).split(topic).join("capture-metrics");
  fs.writeFileSync(out, `${text}\n`);
  console.log(`wrote ${out}`);
  await producer.disconnect();
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
  await gateway.close();
}

main().catch((error: unknown) => {
  console.error(`capture-broker-metrics: ${(error as Error).message}`);
  process.exit(1);
});
