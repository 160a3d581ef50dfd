import { describe, expect, it } from "vitest";
import { bindFailureLine, kafkaSettings } from "./local-kafka.mjs";

// Lines from a real Kafka 4.3.1 node whose controller port (12692) another process held.
const CAPTURED = [
  "[2026-12-01 09:54:48,445] INFO [ControllerServer id=1] Starting controller (kafka.server.ControllerServer)",
  "org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:12692: Address already in use.",
  "\tat org.apache.kafka.server.ServerSocketFactory$KafkaServerSocketFactory.openServerSocket(ServerSocketFactory.java:56)",
  "Caused by: java.net.BindException: Address already in use",
].join("\n");

describe("bindFailureLine", () => {
  const settings = kafkaSettings({ KAFKA_PORT: "12592", KAFKA_VERSION: "4.3.1" });

  it("names the port and which listener it is, in one line", () => {
    expect(bindFailureLine(settings, 1, CAPTURED)).toBe("Kafka node 1 failed to start: port 12692 (its controller listener) is already in use");
  });

  it("names the node's ports when the log does not say which one", () => {
    expect(bindFailureLine(settings, 2, "Caused by: java.net.BindException: Address already in use")).toBe(
      "Kafka node 2 failed to start: one of its ports (12593, 12693, 12793, 12893) is already in use",
    );
  });

  it("stays out of the way of other failures", () => {
    expect(bindFailureLine(settings, 1, "ERROR Exiting Kafka due to fatal exception (kafka.Kafka$)\njava.lang.OutOfMemoryError")).toBeNull();
  });
});
