import "server-only";
import type { PrometheusConfig } from "@/lib/domain/broker-metrics/config";
import { prometheusConfigFrom } from "@/lib/domain/broker-metrics/config";
import { env, prometheusVariables } from "../env";
import { recordPrometheusRequest } from "../observability/registry";
import { BrokerMetricsReader } from "./broker-metrics-reader";

/**
 * The broker metrics reader of the configured Prometheus (PROMETHEUS_URL and friends, validated
 * at start-up by lib/server/env.ts), one per process (kept on globalThis across module reloads);
 * null when no Prometheus is configured.
 */
const KEY = Symbol.for("ripcord.prometheus.readers");
const holder = globalThis as typeof globalThis & { [KEY]?: Map<string, BrokerMetricsReader> };

export function prometheusConfigFromEnv(): PrometheusConfig | null {
  return prometheusConfigFrom(prometheusVariables(env()));
}

export function getBrokerMetricsReader(config: PrometheusConfig | null = prometheusConfigFromEnv()): BrokerMetricsReader | null {
  if (!config) return null;
  const key = JSON.stringify(config);
  holder[KEY] ??= new Map();
  let reader = holder[KEY].get(key);
  if (!reader) {
    reader = new BrokerMetricsReader(config, recordPrometheusRequest);
    holder[KEY].set(key, reader);
  }
  return reader;
}
