/**
 * Named snapshot histories, one per drill, each with what the engine must conclude. The
 * conditions mirror what the drills create on a real single-node or 3-node Kafka. Add captured
 * real-broker fixtures here (loaded from lib/domain/__fixtures__/*.json) with the same fields.
 */
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import type { ConsumerStatus } from "@/lib/domain/evidence/signal-types";
import { buildHistory } from "./fixtures";

export interface Scenario {
  name: string;
  history: ClusterSnapshot[];
  scope: { kind: "group" | "topic" | "cluster"; name: string };
  /** the cause that must rank first; null = causes must be empty. */
  topCause: string | null;
  /** expected status of the scoped group, when the scope is a group. */
  groupStatus?: ConsumerStatus;
}

const N = 12; // samples, 10 s apart: a 110 s window like the evidence CLI's default sampling
const sevenDays = "604800000";
const topicConfigs = (retention = sevenDays, minIsr = "1") => () => ({
  "retention.ms": retention,
  "cleanup.policy": "delete",
  "min.insync.replicas": minIsr,
});
const twoMembers = (g: string) => () => [
  { id: `${g}-a`, partitions: [0, 1] },
  { id: `${g}-b`, partitions: [2] },
];

export const healthy = (): ClusterSnapshot[] =>
  buildHistory({
    samples: N,
    topics: [{ name: "orders", partitions: 3, produce: () => 500 }],
    groups: [{ id: "billing", topic: "orders", consume: () => 500, members: twoMembers("billing") }],
  });

export const stopped = (): ClusterSnapshot[] =>
  buildHistory({
    samples: N,
    topics: [{ name: "orders", partitions: 3, produce: () => 500 }],
    groups: [
      {
        id: "billing",
        topic: "orders",
        consume: (_p, i) => (i <= 3 ? 500 : 0),
        members: (i) => (i <= 3 ? twoMembers("billing")() : []),
      },
    ],
  });

export const poison = (): ClusterSnapshot[] =>
  buildHistory({
    samples: N,
    topics: [{ name: "orders", partitions: 3, produce: () => 500 }],
    groups: [{ id: "billing", topic: "orders", consume: (p) => (p === 1 ? 0 : 500), members: twoMembers("billing") }],
  });

/** Seed 001 S12's silent failure: members stay (Stable, heartbeating) but no partition's committed offset moves after sample 3 while input goes on. */
export const hung = (): ClusterSnapshot[] =>
  buildHistory({
    samples: N,
    topics: [{ name: "orders", partitions: 3, produce: () => 500 }],
    groups: [{ id: "billing", topic: "orders", consume: (_p, i) => (i <= 3 ? 500 : 0), members: twoMembers("billing") }],
  });

export const skew = (): ClusterSnapshot[] =>
  buildHistory({
    samples: N,
    topics: [{ name: "orders", partitions: 3, produce: (p) => (p === 0 ? 4000 : 500) }],
    groups: [{ id: "billing", topic: "orders", consume: () => 1500, members: twoMembers("billing") }],
  });

export const retentionLost = (): ClusterSnapshot[] =>
  buildHistory({
    samples: N,
    topics: [
      {
        name: "orders",
        partitions: 2,
        produce: () => 1000,
        configs: topicConfigs("60000"),
        // the broker keeps roughly the last minute (6 intervals of 1000 records)
        logStart: (_p, _i, end) => Math.max(0, end - 6000),
      },
    ],
    groups: [
      {
        id: "billing",
        topic: "orders",
        consume: () => 400,
        initialCommitted: (_p, end) => end - 4000,
        members: () => [{ id: "billing-a", partitions: [0, 1] }],
      },
    ],
  });

export const rebalanceChurn = (): ClusterSnapshot[] =>
  buildHistory({
    samples: N,
    topics: [{ name: "orders", partitions: 3, produce: () => 500 }],
    groups: [
      {
        id: "billing",
        topic: "orders",
        consume: (_p, i) => (i % 3 === 0 ? 500 : 250),
        // members come and go: every sample sees a new generation of member ids
        members: (i) => [
          { id: `billing-a-${Math.floor(i / 2)}`, partitions: i % 3 === 1 ? [] : [0, 1] },
          { id: `billing-b-${i}`, partitions: i % 3 === 1 ? [] : [2] },
        ],
        state: (i) => (i % 3 === 1 ? "PreparingRebalance" : i % 3 === 2 ? "CompletingRebalance" : "Stable"),
      },
    ],
  });

export const trafficSpike = (): ClusterSnapshot[] =>
  buildHistory({
    samples: N,
    topics: [{ name: "orders", partitions: 3, produce: (_p, i) => (i <= 7 ? 500 : 5000) }],
    groups: [{ id: "billing", topic: "orders", consume: () => 1200, members: twoMembers("billing") }],
  });

const rf3 = (p: number) => [1, 2, 3].map((_, k) => ((p + k) % 3) + 1);
export const brokerDown = (): ClusterSnapshot[] =>
  buildHistory({
    samples: N,
    brokers: (i) => (i < 6 ? [1, 2, 3] : [1, 2]),
    topics: [
      {
        name: "payments",
        partitions: 3,
        replicas: rf3,
        configs: topicConfigs(sevenDays, "2"),
        produce: () => 500,
        isr: (_p, i, r) => (i < 6 ? r : r.filter((b) => b !== 3)),
        leader: (_p, i, r) => (i < 6 ? (r[0] ?? -1) : (r.find((b) => b !== 3) ?? -1)),
      },
      // an unreplicated topic whose only replica lived on broker 3
      { name: "audit", partitions: 1, replicas: () => [3], produce: () => 100, leader: (_p, i) => (i < 6 ? 3 : -1), isr: (_p, i) => (i < 6 ? [3] : []) },
    ],
    groups: [{ id: "ledger", topic: "payments", consume: (_p, i) => (i < 6 ? 500 : 250), members: twoMembers("ledger") }],
  });

export const underReplicated = (): ClusterSnapshot[] =>
  buildHistory({
    samples: N,
    brokers: () => [1, 2, 3],
    topics: [
      {
        name: "payments",
        partitions: 3,
        replicas: rf3,
        configs: topicConfigs(sevenDays, "2"),
        produce: () => 500,
        isr: (p, i, r) => (p === 0 && i >= 6 ? [r[0] ?? 1] : r),
      },
    ],
    groups: [{ id: "ledger", topic: "payments", consume: () => 500, members: twoMembers("ledger") }],
  });

export const quietCaughtUp = (): ClusterSnapshot[] =>
  buildHistory({
    samples: N,
    topics: [{ name: "reports", partitions: 2, produce: () => 0 }],
    groups: [{ id: "nightly", topic: "reports", consume: () => 0, members: () => [] }],
  });

export const kip848DeadButMoving = (): ClusterSnapshot[] =>
  buildHistory({
    samples: N,
    topics: [{ name: "orders", partitions: 3, produce: () => 500 }],
    groups: [
      {
        id: "billing-next",
        topic: "orders",
        protocol: "consumer",
        consume: () => 500,
        initialCommitted: (_p, end) => end - 200,
        members: () => [],
        state: () => "Dead",
      },
    ],
  });

export const insufficientPartitions = (): ClusterSnapshot[] =>
  buildHistory({
    samples: N,
    topics: [{ name: "clicks", partitions: 2, produce: () => 3000 }],
    groups: [
      {
        id: "sessionizer",
        topic: "clicks",
        consume: () => 2000,
        members: () => [
          { id: "s-a", partitions: [0] },
          { id: "s-b", partitions: [1] },
          { id: "s-c", partitions: [] },
          { id: "s-d", partitions: [] },
        ],
      },
    ],
  });

export const slowProcessing = (): ClusterSnapshot[] =>
  buildHistory({
    samples: N,
    topics: [{ name: "orders", partitions: 3, produce: () => 500 }],
    groups: [{ id: "billing", topic: "orders", consume: () => 420, members: twoMembers("billing") }],
  });

export const sinkBottleneck = (): ClusterSnapshot[] =>
  buildHistory({
    samples: N,
    topics: [{ name: "orders", partitions: 3, produce: () => 500 }],
    groups: [{ id: "billing", topic: "orders", consume: (_p, i) => (i <= 7 ? 500 : 150), members: twoMembers("billing") }],
  });

export const configChange = (): ClusterSnapshot[] =>
  buildHistory({
    samples: N,
    topics: [{ name: "orders", partitions: 3, produce: () => 500, configs: (i) => topicConfigs(i < 6 ? sevenDays : "3600000")() }],
    groups: [{ id: "billing", topic: "orders", consume: () => 500, members: twoMembers("billing") }],
  });

const g = (name: string) => ({ kind: "group" as const, name });
export const SCENARIOS: Scenario[] = [
  { name: "healthy", history: healthy(), scope: g("billing"), topCause: null, groupStatus: "ok" },
  { name: "quiet topic caught up", history: quietCaughtUp(), scope: g("nightly"), topCause: null, groupStatus: "ok" },
  { name: "KIP-848 Dead but moving", history: kip848DeadButMoving(), scope: g("billing-next"), topCause: null, groupStatus: "ok" },
  { name: "stopped", history: stopped(), scope: g("billing"), topCause: "consumer.stopped", groupStatus: "stopped" },
  { name: "poison record", history: poison(), scope: g("billing"), topCause: "consumer.poison-record", groupStatus: "stalled" },
  { name: "hung consumer", history: hung(), scope: g("billing"), topCause: "consumer.stopped", groupStatus: "stalled" },
  { name: "partition skew", history: skew(), scope: g("billing"), topCause: "topic.partition-skew", groupStatus: "lagging" },
  { name: "retention lost", history: retentionLost(), scope: g("billing"), topCause: "topic.retention-too-short", groupStatus: "error" },
  { name: "rebalance storm", history: rebalanceChurn(), scope: g("billing"), topCause: "consumer.rebalance-storm" },
  { name: "traffic spike", history: trafficSpike(), scope: g("billing"), topCause: "producer.traffic-spike", groupStatus: "lagging" },
  { name: "broker down", history: brokerDown(), scope: { kind: "cluster", name: "test-cluster" }, topCause: "broker.down" },
  { name: "broker down (group view)", history: brokerDown(), scope: g("ledger"), topCause: "broker.down" },
  { name: "under-replicated", history: underReplicated(), scope: { kind: "cluster", name: "test-cluster" }, topCause: "broker.under-replicated" },
  { name: "insufficient partitions", history: insufficientPartitions(), scope: g("sessionizer"), topCause: "topic.insufficient-partitions", groupStatus: "lagging" },
  { name: "slow processing", history: slowProcessing(), scope: g("billing"), topCause: "consumer.slow-processing", groupStatus: "lagging" },
  { name: "sink bottleneck", history: sinkBottleneck(), scope: g("billing"), topCause: "consumer.sink-bottleneck", groupStatus: "lagging" },
  { name: "config change", history: configChange(), scope: { kind: "topic", name: "orders" }, topCause: "change.config" },
];
