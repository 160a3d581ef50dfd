import { ClusterList } from "@/lib/schemas/clusters";
import { ClusterOverview, ClusterQuery, GroupDetail, GroupParams, HistoryQuery, HistoryResponse, TopicDetail, TopicParams, WindowQuery } from "@/lib/schemas/cluster";
import { BrokerChartsQuery, BrokerChartsView } from "@/lib/schemas/broker-charts";
import { defineOperations } from "./types";

/**
 * Live Kafka evidence (issue 3). 503/504 when Kafka has never answered; stale data otherwise, with its age.
 * Every read takes `?cluster=NAME` (issue 18; the default cluster when absent); a name not configured is a 404 naming the configured ones.
 */
export const clusterOperations = defineOperations({
  list: { method: "get", path: "/api/clusters", summary: "Every configured Kafka cluster (RIPCORD_CLUSTERS_FILE or KAFKA_BROKERS), the default first, with environment and connection state (connected | connecting | unreachable | auth-failed | not-authorized | error), broker count, last error and last sample age; never a credential", tag: "cluster", auth: "viewer", response: ClusterList },
  overview: { method: "get", path: "/api/cluster", summary: "Cluster overview: brokers, topics with partition health, groups with lag in records and seconds and status", tag: "cluster", auth: "viewer", query: ClusterQuery, response: ClusterOverview },
  group: { method: "get", path: "/api/cluster/groups/{groupId}", summary: "A consumer group: per-partition lag, time lag, rates, retention risk, status and series", tag: "cluster", auth: "viewer", params: GroupParams, query: WindowQuery, response: GroupDetail },
  topic: { method: "get", path: "/api/cluster/topics/{topic}", summary: "A topic: partitions (leader, ISR, offline), offsets, input rate, groups reading it", tag: "cluster", auth: "viewer", params: TopicParams, query: ClusterQuery, response: TopicDetail },
  brokerCharts: { method: "get", path: "/api/cluster/broker-charts", summary: "Broker request latency beside storage and network signals per broker over the last minutes (default 30), from Prometheus; state says not-configured / unavailable / stale", tag: "cluster", auth: "viewer", query: BrokerChartsQuery, response: BrokerChartsView },
  history: { method: "get", path: "/api/cluster/history", summary: "A group's or topic's series over the persisted history (up to 24 h)", tag: "cluster", auth: "viewer", query: HistoryQuery, response: HistoryResponse },
});
