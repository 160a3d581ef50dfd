import { spawn } from "node:child_process";
import { kafkaSettings, resolveClasspath } from "../../../scripts/kafka/local-kafka.mjs";

/** Kafka's own command-line tools (kafka-configs, kafka-log-dirs, kafka-metadata-quorum…) of the run's release. */
export const KAFKA_TOOLS = {
  configs: "kafka.admin.ConfigCommand",
  logDirs: "org.apache.kafka.tools.LogDirsCommand",
  metadataQuorum: "org.apache.kafka.tools.MetadataQuorumCommand",
} as const;

/** Runs one tool on the Kafka classpath; rejects with its output when it exits non-zero. */
export function kafkaTool(mainClass: string, args: string[]): Promise<string> {
  const classpath = resolveClasspath(kafkaSettings());
  return new Promise((resolve, reject) => {
    const child = spawn("java", ["-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath, mainClass, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${mainClass} ${args.join(" ")} exited ${code}: ${(err || out).trim().split("\n").slice(-3).join(" ")}`))));
  });
}
