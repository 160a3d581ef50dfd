/**
 * Snapshot histories captured from a real broker by scripts/capture-fixtures.ts (one per drill
 * scenario of lib/server/drills/scenarios), with what each must diagnose. Names are normalised
 * to `drill-<scenario>-<suffix>`; the consumer group of every scenario is `drill-<scenario>-g`.
 * Re-capture: `npx tsx -C react-server scripts/capture-fixtures.ts --brokers HOST:PORT`.
 * producer-quota and storage-pressure come from scripts/capture-capacity-fixtures.ts (a client
 * quota set mid-run; a broker whose log dir is on a 256 MiB volume, filled to 90%).
 * `<scenario>-metrics` fixtures were captured with PROMETHEUS_URL set: every snapshot carries the
 * broker metrics read with it (broker-overload and the producer-quota drill need them).
 */
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import type { Scope } from "@/lib/domain/diagnosis/types";
import brokerDown from "./broker-down.json";
import brokerOverloadMetrics from "./broker-overload-metrics.json";
import healthy from "./healthy.json";
import healthyMetrics from "./healthy-metrics.json";
import hotPartition from "./hot-partition.json";
import hungConsumer from "./hung-consumer.json";
import lateJoiner from "./late-joiner.json";
import poisonJava from "./poison-java.json";
import slowJavaSmallPolls from "./slow-java-small-polls.json";
import slowKafkajsConcurrent from "./slow-kafkajs-concurrent.json";
import slowKafkajsDefaults from "./slow-kafkajs-defaults.json";
import leaderChurn from "./leader-churn.json";
import poisonRecord from "./poison-record.json";
import producerDrop from "./producer-drop.json";
import producerQuota from "./producer-quota.json";
import producerQuotaMetrics from "./producer-quota-metrics.json";
import rebalanceStorm from "./rebalance-storm.json";
import retention from "./retention.json";
import silentStop from "./silent-stop.json";
import slowSink from "./slow-sink.json";
import storagePressure from "./storage-pressure.json";
import tooFewPartitions from "./too-few-partitions.json";
import trafficSpike from "./traffic-spike.json";

export interface CapturedFixture {
  id: string;
  history: ClusterSnapshot[];
  scope: Scope;
  /** the injected cause, which must rank first; null for the healthy baseline. */
  cause: string | null;
}

const group = (id: string): Scope => ({ kind: "group", name: `drill-${id}-g` });
const fixture = (id: string, data: unknown, cause: string | null, scope: Scope = group(id)): CapturedFixture => ({
  id,
  history: data as ClusterSnapshot[],
  scope,
  cause,
});

export const CAPTURED: readonly CapturedFixture[] = [
  fixture("slow-sink", slowSink, "consumer.sink-bottleneck"),
  fixture("rebalance-storm", rebalanceStorm, "consumer.rebalance-storm"),
  fixture("hot-partition", hotPartition, "topic.partition-skew"),
  fixture("poison-record", poisonRecord, "consumer.poison-record"),
  fixture("silent-stop", silentStop, "consumer.stopped"),
  // a kafkajs member that keeps heartbeating and never finishes a record (001 S12: hung, not crashed)
  fixture("hung-consumer", hungConsumer, "consumer.stopped"),
  fixture("retention", retention, "topic.retention-too-short"),
  fixture("traffic-spike", trafficSpike, "producer.traffic-spike"),
  fixture("producer-drop", producerDrop, "producer.throttled"),
  fixture("too-few-partitions", tooFewPartitions, "topic.insufficient-partitions"),
  // captured on a 3-broker cluster: broker 3 (the only replica of partition 2) stopped mid-run
  fixture("broker-down", brokerDown, "broker.down", { kind: "cluster", name: "drill-cluster" }),
  // captured on a 3-broker cluster: RF=2 partitions reassigned every other sample, every broker up
  fixture("leader-churn", leaderChurn, "cluster.controller-churn", { kind: "cluster", name: "drill-cluster" }),
  // producer_byte_rate=16384 set by kafka-configs on the producer's client-id half-way through
  fixture("producer-quota", producerQuota, "producer.throttled", { kind: "topic", name: "drill-producer-quota-events" }),
  // one broker, its log dir on a 256 MiB tmpfs filled to 90% by a producer
  fixture("storage-pressure", storagePressure, "broker.storage-pressure", { kind: "cluster", name: "drill-cluster" }),
  fixture("healthy", healthy, null),
  // with broker metrics from a real Prometheus (1 s scrapes, 10 s rate window) on a freshly started broker
  fixture("broker-overload-metrics", brokerOverloadMetrics, "broker.overload", { kind: "topic", name: "drill-broker-overload-payments" }),
  // the producer-quota drill: a 10 KB/s producer_byte_rate on the producer's client id a third of the way in
  fixture("producer-quota-metrics", producerQuotaMetrics, "producer.throttled", { kind: "group", name: "drill-producer-quota-g" }),
  fixture("healthy-metrics", healthyMetrics, null, { kind: "group", name: "drill-healthy-g" }),
  // a consumer joined at the log end: one partition has not committed (Kafka lists no offset for it)
  fixture("late-joiner", lateJoiner, null),
  // Real consumers processing their partitions in turns (scripts/fixture-scenarios.ts REAL_CONSUMERS):
  // a 4-partition topic, a producer at a steady 40 rec/s (10 per partition), one member of about
  // 25 rec/s capacity, sampled every 3 s for 3 min once the backlog had built (lag >= 600).
  // Captured 2026-12-01 on Kafka 4.3.1 (one broker); the engine of the time ranked all three
  // slow shapes "poison record 0.85".
  // kafkajs 2 with its defaults (eachMessage, one partition at a time, commit after each batch), 40 ms per record
  fixture("slow-kafkajs-defaults", slowKafkajsDefaults, "consumer.slow-processing"),
  // kafkajs with partitionsConsumedConcurrently: 2, 80 ms per record
  fixture("slow-kafkajs-concurrent", slowKafkajsConcurrent, "consumer.slow-processing"),
  // Java KafkaConsumer 4.3.1 (scripts/java/RipcordTurnConsumer.java), max.poll.records=10, auto-commit every 5 s, 40 ms per record
  fixture("slow-java-small-polls", slowJavaSmallPolls, "consumer.slow-processing"),
  // the same Java consumer with spare capacity (5 ms per record) and one undeserializable record on
  // partition 1 at 15% of the window, which it seeks back to and retries every 500 ms for ever
  fixture("poison-java", poisonJava, "consumer.poison-record"),
];

/** the slow real-consumer shapes: slow processing first, never a poison record. */
export const SLOW_REAL_CONSUMERS = ["slow-kafkajs-defaults", "slow-kafkajs-concurrent", "slow-java-small-polls"] as const;

export function captured(id: string): CapturedFixture {
  const f = CAPTURED.find((x) => x.id === id);
  if (!f) throw new Error(`no captured fixture ${id}`);
  return f;
}
