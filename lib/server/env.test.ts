import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("gives the embedded defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toMatch(/^file:.*data\/ripcord\.db$/);
    expect(env.KAFKA_BROKERS).toBeUndefined();
    expect(env.KAFKA_CONNECT_TIMEOUT_MS).toBe(3000);
    expect(env.KAFKA_SSL).toBe(false);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ KAFKA_BROKERS: "" }).KAFKA_BROKERS).toBeUndefined();
  });

  it("accepts a broker list and SASL settings", () => {
    const env = parseEnv({ KAFKA_BROKERS: "a:9092,b.example.com:9093", KAFKA_SASL_MECHANISM: "scram-sha-512", KAFKA_SASL_USERNAME: "u", KAFKA_SASL_PASSWORD: "p", KAFKA_SSL: "true" });
    expect(env.KAFKA_BROKERS).toBe("a:9092,b.example.com:9093");
    expect(env.KAFKA_SASL_MECHANISM).toBe("scram-sha-512");
    expect(env.KAFKA_SSL).toBe(true);
  });

  it.each([
    [{ KAFKA_BROKERS: "localhost" }, "KAFKA_BROKERS: must be a comma-separated list of host:port"],
    [{ KAFKA_CONNECT_TIMEOUT_MS: "soon" }, "KAFKA_CONNECT_TIMEOUT_MS"],
    [{ KAFKA_SASL_MECHANISM: "gssapi" }, "KAFKA_SASL_MECHANISM"],
    [{ KAFKA_SASL_MECHANISM: "plain" }, "KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL: must be a SQLite URL (file:…) or a PostgreSQL URL"],
    [{ KAFKA_SSL: "maybe" }, "KAFKA_SSL"],
    [{ PROMETHEUS_URL: "localhost:9090" }, "PROMETHEUS_URL: must be an http:// or https:// URL"],
    [{ PROMETHEUS_URL: "http://127.0.0.1:9090", PROMETHEUS_PASSWORD: "p" }, "PROMETHEUS_USERNAME: PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD go together"],
    [{ PROMETHEUS_URL: "http://127.0.0.1:9090", PROMETHEUS_SELECTOR: "job=kafka" }, "PROMETHEUS_SELECTOR: must be label matchers"],
  ])("names the bad variable in %j", (source, expected) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(expected);
  });
});
