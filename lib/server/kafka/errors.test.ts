import { describe, expect, it, vi } from "vitest";

describe("KafkaGatewayError across bundle copies", () => {
  it("an error from one copy of the module is an instance of another copy's class", async () => {
    const first = await import("./errors");
    vi.resetModules();
    const second = await import("./errors");
    expect(second.KafkaGatewayError).not.toBe(first.KafkaGatewayError); // two real copies
    const error = new first.KafkaGatewayError("KAFKA_AUTH_FAILED", "authentication to Kafka at x failed");
    expect(error instanceof second.KafkaGatewayError).toBe(true);
    expect(new Error("plain") instanceof second.KafkaGatewayError).toBe(false);
    expect({ code: "KAFKA_AUTH_FAILED" } instanceof second.KafkaGatewayError).toBe(false);
  });
});
