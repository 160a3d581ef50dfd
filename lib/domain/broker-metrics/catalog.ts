/**
 * The one place that knows Prometheus metric names: each broker figure Ripcord reads, as PromQL,
 * with the alternatives that common JMX exporter configs produce, tried in order (the first one
 * with a series wins). None answering is the metric's "not exported" state, with `missing`
 * saying what that usually means and how to export it.
 *
 * Names (the JMX exporter's Kafka conventions):
 * - Ripcord's own config (scripts/kafka/jmx-exporter.yml) and the exporter's example configs
 *   share `kafka_network_requestmetrics_<name>ms{request,quantile}` for request latencies,
 *   `kafka_network_socketserver_networkprocessoravgidlepercent`, `kafka_server_brokertopicmetrics_<name>_total`.
 * - The request handler idle Meter (Kafka 4 also per pool: `…_brokerrequesthandleravgidlepercent`):
 *   its Count is exported as `…_requesthandleravgidlepercent_count` by the 0.x example config and
 *   `…_count_total` by 1.x (which appends `_total` to counters) and Ripcord's config; a rate of idle
 *   nanoseconds, so it reacts within the rate window. Ripcord's config also exports the one-minute
 *   rate as `kafka_server_kafkarequesthandlerpool_requesthandleravgidlepercent`.
 * - Strimzi's config exports the Meter's mean since start-up as `…_requesthandleravgidle_percent`,
 *   `…_networkprocessoravgidle_percent`, and drops RequestMetrics (no request latencies).
 *
 * Every query aggregates `by` the labels that can identify a broker (reading.ts maps them to a
 * node id), filters with the configured selector, and turns idle fractions into percent.
 */
import type { BrokerMetricKey, MetricId } from "./types";

export interface QueryContext {
  /** extra label matchers for every series, e.g. `job="kafka",cluster="eu1"` ("" for none). */
  selector: string;
  /** range of rate() over counters, e.g. "1m" (at least 4 scrape intervals). */
  rateWindow: string;
  /** labels kept by every aggregation: the ones that identify a broker, plus instance. */
  by: readonly string[];
}

export interface Alternative {
  /** the exporter config whose names this is. */
  via: string;
  expr: (c: QueryContext) => string;
  /** a caveat shown with the value ("mean since broker start"). */
  caveat?: string;
}

export interface MetricDef {
  key: MetricId;
  title: string;
  unit: "ms" | "%" | "B/s" | "/s" | "partitions" | "bytes";
  alternatives: Alternative[];
  /** what it means when no alternative answers, and how to fix it. */
  missing: string;
}

export const VIA_STANDARD = "JMX exporter Kafka rules (Ripcord's config, the exporter's examples)";
export const VIA_RIPCORD = "one-minute-rate gauge (older Ripcord exporter config)";
export const VIA_EXAMPLE_1X = "JMX exporter 1.x naming (counter with _total; Ripcord's config)";
export const VIA_EXAMPLE_0X = "JMX exporter 0.x example config";
export const VIA_STRIMZI = "Strimzi's kafka-metrics config (mean since broker start)";

/** Labels that can carry a broker's node id, in the order they are trusted (PROMETHEUS_BROKER_LABEL goes first). */
export const DEFAULT_BROKER_LABELS = ["node_id", "broker_id", "kafka_broker_id", "pod"] as const;

function matchers(c: QueryContext, own: string): string {
  const all = [own, c.selector].filter((x) => x.length > 0).join(",");
  return all ? `{${all}}` : "";
}
const by = (c: QueryContext) => `by (${c.by.join(",")})`;
// Gauges are read through last_over_time(…[rateWindow]): an overloaded broker's exporter misses
// scrapes (seen at 1 s intervals with its I/O thread saturated), and a missed scrape must not
// blank the very figures that show the overload.
const gauge = (agg: "max" | "min" | "sum", name: string, own = "") => (c: QueryContext) => `${agg} ${by(c)} (last_over_time(${name}${matchers(c, own)}[${c.rateWindow}]))`;
const rate = (name: string, own = "") => (c: QueryContext) => `sum ${by(c)} (rate(${name}${matchers(c, own)}[${c.rateWindow}]))`;
const percent = (inner: (c: QueryContext) => string) => (c: QueryContext) => `100 * (${inner(c)})`;
const either = (...parts: ((c: QueryContext) => string)[]) => (c: QueryContext) => parts.map((p) => p(c)).join(" or ");
const p99 = (name: string, request: string) => gauge("max", `kafka_network_requestmetrics_${name}`, `request="${request}",quantile="0.99"`);

/**
 * Throttle time from the client quota sensors (kafka.server:type=Produce|Fetch,client-id=…): the
 * busiest client still moving bytes. A sensor outlives its client by an hour, and the request
 * ThrottleTimeMs percentiles remember throttled requests for minutes, so neither may speak for
 * now; with no quota sensor of an active client the figure is 0 (anchored on the request latency
 * histograms, which exist from start-up), not "not exported".
 */
const throttle = (resource: "Produce" | "Fetch") => (c: QueryContext) =>
  `max ${by(c)} (last_over_time(kafka_server_quota_throttle_time${matchers(c, `resource="${resource}"`)}[${c.rateWindow}]) and on (instance, clientId) (last_over_time(kafka_server_quota_byte_rate${matchers(c, `resource="${resource}"`)}[${c.rateWindow}]) > 0)) or (0 * ${p99("totaltimems", resource === "Produce" ? "Produce" : "FetchConsumer")(c)})`;

const NO_REQUEST_METRICS =
  "the exporter drops kafka.network:type=RequestMetrics (Strimzi's default config does): add its percentile rules (see scripts/kafka/jmx-exporter.yml)";

export const BROKER_METRICS: readonly MetricDef[] = [
  { key: "produceP99Ms", title: "produce p99", unit: "ms", alternatives: [{ via: VIA_STANDARD, expr: p99("totaltimems", "Produce") }], missing: NO_REQUEST_METRICS },
  {
    key: "fetchP99Ms",
    title: "consumer fetch p99",
    unit: "ms",
    alternatives: [
      { via: VIA_STANDARD, expr: p99("totaltimems", "FetchConsumer") },
      { via: VIA_STANDARD, expr: p99("totaltimems", "Fetch"), caveat: "all fetches, followers' included" },
    ],
    missing: NO_REQUEST_METRICS,
  },
  { key: "requestQueueP99Ms", title: "produce request queue p99", unit: "ms", alternatives: [{ via: VIA_STANDARD, expr: p99("requestqueuetimems", "Produce") }], missing: NO_REQUEST_METRICS },
  { key: "produceLocalP99Ms", title: "produce local (log append) p99", unit: "ms", alternatives: [{ via: VIA_STANDARD, expr: p99("localtimems", "Produce") }], missing: NO_REQUEST_METRICS },
  { key: "produceRemoteP99Ms", title: "produce remote (replication wait) p99", unit: "ms", alternatives: [{ via: VIA_STANDARD, expr: p99("remotetimems", "Produce") }], missing: NO_REQUEST_METRICS },
  {
    key: "requestIdlePct",
    title: "request handler idle",
    unit: "%",
    // The Meter's Count is idle nanoseconds per thread: its rate over the window / 1e9 is the idle fraction.
    alternatives: [
      {
        via: VIA_EXAMPLE_1X,
        expr: (c) => `${percent(either(rate("kafka_server_kafkarequesthandlerpool_brokerrequesthandleravgidlepercent_count_total"), rate("kafka_server_kafkarequesthandlerpool_requesthandleravgidlepercent_count_total")))(c)} / 1e9`,
      },
      {
        via: VIA_EXAMPLE_0X,
        expr: (c) => `${percent(either(rate("kafka_server_kafkarequesthandlerpool_brokerrequesthandleravgidlepercent_count"), rate("kafka_server_kafkarequesthandlerpool_requesthandleravgidlepercent_count")))(c)} / 1e9`,
      },
      {
        via: VIA_RIPCORD,
        expr: percent(either(gauge("max", "kafka_server_kafkarequesthandlerpool_brokerrequesthandleravgidlepercent"), gauge("max", "kafka_server_kafkarequesthandlerpool_requesthandleravgidlepercent"))),
      },
      {
        via: VIA_STRIMZI,
        expr: percent(either(gauge("max", "kafka_server_kafkarequesthandlerpool_brokerrequesthandleravgidle_percent"), gauge("max", "kafka_server_kafkarequesthandlerpool_requesthandleravgidle_percent"))),
        caveat: "mean since the broker started: moves slowly",
      },
    ],
    missing: "no kafka_server_kafkarequesthandlerpool_requesthandleravgidle* series: export kafka.server:type=KafkaRequestHandlerPool",
  },
  {
    key: "networkIdlePct",
    title: "network processor idle",
    unit: "%",
    alternatives: [
      { via: VIA_STANDARD, expr: percent(gauge("min", "kafka_network_socketserver_networkprocessoravgidlepercent")) },
      { via: VIA_STRIMZI, expr: percent(gauge("min", "kafka_network_socketserver_networkprocessoravgidle_percent")) },
    ],
    missing: "no kafka_network_socketserver_networkprocessoravgidle* series: export kafka.network:type=SocketServer",
  },
  {
    key: "bytesInPerSec",
    title: "bytes in",
    unit: "B/s",
    alternatives: [{ via: VIA_STANDARD, expr: rate("kafka_server_brokertopicmetrics_bytesin_total", 'topic=""') }],
    missing: "no kafka_server_brokertopicmetrics_bytesin_total series: export kafka.server:type=BrokerTopicMetrics",
  },
  {
    key: "bytesOutPerSec",
    title: "bytes out",
    unit: "B/s",
    alternatives: [{ via: VIA_STANDARD, expr: rate("kafka_server_brokertopicmetrics_bytesout_total", 'topic=""') }],
    missing: "no kafka_server_brokertopicmetrics_bytesout_total series: export kafka.server:type=BrokerTopicMetrics",
  },
  {
    key: "produceThrottleMs",
    title: "produce throttle time",
    unit: "ms",
    alternatives: [{ via: VIA_STANDARD, expr: throttle("Produce"), caveat: "the busiest producing client's average over the quota window" }],
    missing: "no produce throttle series: export kafka.server:type=Produce,client-id=* (the exporter's quota rules) and RequestMetrics",
  },
  {
    key: "fetchThrottleMs",
    title: "fetch throttle time",
    unit: "ms",
    alternatives: [{ via: VIA_STANDARD, expr: throttle("Fetch"), caveat: "the busiest fetching client's average over the quota window" }],
    missing: "no fetch throttle series: export kafka.server:type=Fetch,client-id=* (the exporter's quota rules) and RequestMetrics",
  },
  {
    key: "requestErrorsPerSec",
    title: "request errors",
    unit: "/s",
    // Error meters appear with a request type's first error: before that the rate is 0, not "not exported"
    // (the request latency histograms exist from start-up and anchor the zero).
    alternatives: [{ via: VIA_STANDARD, expr: (c) => `${rate("kafka_network_requestmetrics_errors_total", 'error!="NONE"')(c)} or (0 * ${p99("totaltimems", "Produce")(c)})` }],
    missing: NO_REQUEST_METRICS,
  },
  {
    key: "underReplicatedPartitions",
    title: "under-replicated partitions (broker's view)",
    unit: "partitions",
    alternatives: [{ via: VIA_STANDARD, expr: gauge("max", "kafka_server_replicamanager_underreplicatedpartitions") }],
    missing: "no kafka_server_replicamanager_underreplicatedpartitions series: export kafka.server:type=ReplicaManager",
  },
  {
    key: "underMinIsrPartitions",
    title: "under-min-ISR partitions (broker's view)",
    unit: "partitions",
    alternatives: [{ via: VIA_STANDARD, expr: gauge("max", "kafka_server_replicamanager_underminisrpartitioncount") }],
    missing: "no kafka_server_replicamanager_underminisrpartitioncount series: export kafka.server:type=ReplicaManager",
  },
  {
    key: "logSizeBytes",
    title: "log size",
    unit: "bytes",
    alternatives: [{ via: VIA_STANDARD, expr: gauge("sum", "kafka_log_log_size") }],
    missing: "no kafka_log_log_size series: export kafka.log:type=Log,name=Size",
  },
  {
    key: "logFlushP99Ms",
    title: "log flush p99",
    unit: "ms",
    alternatives: [{ via: VIA_STANDARD, expr: gauge("max", "kafka_log_logflushstats_logflushrateandtimems", 'quantile="0.99"') }],
    missing: "no kafka_log_logflushstats_logflushrateandtimems series: export kafka.log:type=LogFlushStats",
  },
];

/** Bytes in per topic, summed over brokers: the busiest TOPIC_LIMIT topics. */
export const TOPIC_LIMIT = 50;
export const TOPIC_BYTES_IN: MetricDef = {
  key: "topicBytesInPerSec",
  title: "bytes in per topic",
  unit: "B/s",
  alternatives: [
    { via: VIA_STANDARD, expr: (c) => `topk(${TOPIC_LIMIT}, sum by (topic) (rate(kafka_server_brokertopicmetrics_bytesin_total${matchers(c, 'topic!=""')}[${c.rateWindow}])))` },
  ],
  missing: "no per-topic kafka_server_brokertopicmetrics_bytesin_total series: export kafka.server:type=BrokerTopicMetrics,topic=*",
};

const BY_KEY = new Map<MetricId, MetricDef>([...BROKER_METRICS, TOPIC_BYTES_IN].map((d) => [d.key, d]));
export function metricDef(key: MetricId): MetricDef {
  const def = BY_KEY.get(key);
  if (!def) throw new Error(`unknown broker metric ${key}`);
  return def;
}

/** Figures whose value is a fraction turned percent: clamped to 0..100 (Kafka 3.x combined nodes report idle above 1). */
export const PERCENT_KEYS: ReadonlySet<BrokerMetricKey> = new Set(["requestIdlePct", "networkIdlePct"]);
