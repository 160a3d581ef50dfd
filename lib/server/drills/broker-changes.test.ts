import { describe, expect, it } from "vitest";
import { mayAlterBrokers } from "./kit";
import { brokerOverload } from "./scenarios";

describe("broker-wide drill changes (never on a cluster that may be production)", () => {
  it("are allowed on loopback brokers (the local harness) or a cluster an admin marked non-production", () => {
    expect(mayAlterBrokers({ brokers: ["127.0.0.1:9092", "localhost:9093", "[::1]:9094"] })).toBe(true);
    expect(mayAlterBrokers({ brokers: ["kafka-1.prod.internal:9092"], nonProduction: true })).toBe(true);
  });

  it("are refused on any other broker address, even one of several", () => {
    expect(mayAlterBrokers({ brokers: ["kafka-1.prod.internal:9092"] })).toBe(false);
    expect(mayAlterBrokers({ brokers: ["127.0.0.1:9092", "10.0.0.7:9092"] })).toBe(false);
    expect(mayAlterBrokers({ brokers: ["127.0.0.1.evil.example:9092"] })).toBe(false);
    expect(mayAlterBrokers({ brokers: [] })).toBe(false);
  });

  it("broker-overload refuses a non-loopback cluster before it connects or creates anything", async () => {
    // 10.0.0.1 is never contacted: the refusal comes before the kit opens a connection
    await expect(brokerOverload.start({ brokers: ["10.0.0.1:9092"] })).rejects.toThrow(
      /^the broker-overload drill slows a whole broker for every client on it: refused on 10\.0\.0\.1:9092/,
    );
  });
});
