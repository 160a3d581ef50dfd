/**
 * The root-cause tree as product data (docs/causes.md). Leaf ids are a stable contract:
 * diagnosis output, drills, API and tests use them, so they are never renamed. Each leaf says
 * what confirms it and what rules it out, as automatic checks where Kafka admin data shows it
 * and as clarifying questions for people where it cannot (seed 001's, up to five per scenario,
 * each saying what a "yes" does to the leaf); the mitigations that help; and the seed 001
 * "wrong approach", with the mitigation ids the UI should warn about.
 */

export type BranchId = "producer" | "broker" | "cluster" | "topic" | "consumer" | "processor" | "sink" | "change";

export const BRANCHES: readonly { id: BranchId; title: string }[] = [
  { id: "producer", title: "Producer" },
  { id: "broker", title: "Broker & storage" },
  { id: "cluster", title: "Cluster coordination" },
  { id: "topic", title: "Topic design" },
  { id: "consumer", title: "Consumer group" },
  { id: "processor", title: "Stream processor" },
  { id: "sink", title: "Sink" },
  { id: "change", title: "Recent changes" },
];

/** Automatic checks implemented in checks.ts; kept here so the tree can reference them by type. */
export const CHECK_IDS = [
  "skew.lag-concentration",
  "skew.input-concentration",
  "group.offsets-frozen-no-members",
  "group.hung-consumer",
  "group.offsets-moving",
  "partition.stalled-while-others-move",
  "retention.data-lost",
  "retention.expires-before-drain",
  "group.rebalance-churn",
  "group.idle-members",
  "topic.input-spike",
  "topic.input-drop",
  "cluster.broker-left",
  "cluster.offline-partitions",
  "cluster.under-replicated",
  "cluster.under-min-isr",
  "cluster.leader-churn",
  "group.consume-below-input-steady",
  "group.consume-rate-drop",
  "topic.config-changed",
  "event.deploy-aligned",
  "event.schema-change-aligned",
  "event.config-change-aligned",
  "storage.log-dir-pressure",
  "quota.producer-capped",
  // broker metrics from Prometheus (checks-broker-metrics.ts)
  "broker.request-latency",
  "broker.handler-idle",
  "broker.append-latency",
  "producer.throttle-time",
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const MITIGATIONS = {
  "throttle-producers": "Throttle non-critical producers",
  "buffer-upstream": "Buffer upstream to absorb spikes",
  "scale-consumers": "Scale consumers up to the partition count",
  "add-partitions": "Add partitions / repartition the topic",
  rekey: "Re-key messages for an even distribution",
  "isolate-poison": "Isolate the poison record (dead-letter it, with data-owner approval)",
  "rollback-change": "Roll back the smallest recent change that lines up with the start",
  "extend-retention": "Extend retention on the topic",
  "restart-consumers": "Restart the consumer group",
  "restore-broker": "Restore the failed broker and rebalance leadership",
  "add-broker-capacity": "Add broker or network capacity",
  "stabilize-membership": "Stabilize membership: tune session/poll timeouts, static membership",
  "optimize-processing": "Optimize the slow processing stage",
  "sink-backpressure": "Investigate sink latency and apply backpressure intentionally",
  "update-consumer-schema": "Update the consumer for the new schema (compatibility)",
  "reset-offsets": "Reset offsets (data-owner approval only)",
  "reprocess-all": "Reprocess all messages",
  "scale-cluster": "Scale the cluster (add brokers)",
  "restart-brokers": "Restart brokers",
  "drop-messages": "Drop messages or late events",
  "fix-idempotence": "Enable producer idempotence and make retries safe",
  "dedupe-downstream": "Deduplicate downstream",
  "delete-checkpoint": "Delete the corrupted checkpoint and resume from safe offsets",
  "tune-microbatch": "Increase the micro-batch interval",
  "event-time": "Use event-time processing with watermarks and allowed lateness",
  "free-storage": "Free or add storage (retention adjustment, topic isolation)",
  "fix-alerting": "Alert on freshness and throughput, not only uptime",
} as const;
export type MitigationId = keyof typeof MITIGATIONS;

export type EvidenceRef = { kind: "check"; checkId: CheckId; text: string } | { kind: "question"; text: string };

/** What a "yes" to a clarifying question does to its leaf: supports it, contradicts it, or only informs (no effect on the ranking). */
export type YesMeans = "supports" | "contradicts" | "neither";

/** One of a leaf's clarifying questions for people (seed 001's, up to five per scenario). */
export interface ClarifyingQuestion {
  text: string;
  yesMeans: YesMeans;
}

export interface Leaf {
  id: string;
  title: string;
  branch: BranchId;
  /** branch path from the root, for the tree view. */
  path: string[];
  symptom: string;
  /** evidence that confirms it: automatic checks, then the clarifying questions whose "yes" supports it */
  confirm: EvidenceRef[];
  /** evidence that rules it out: automatic checks, then the questions whose "yes" contradicts it */
  ruleOut: EvidenceRef[];
  /** the clarifying questions for people, in a stable order (answers refer to them by index) */
  questions: ClarifyingQuestion[];
  mitigations: MitigationId[];
  wrongApproach: string;
  wrongMitigations: MitigationId[];
  seed: string;
  /** true when Kafka admin data can show it (automatic checks exist). */
  automatic: boolean;
}

const c = (checkId: CheckId, text: string): EvidenceRef => ({ kind: "check", checkId, text });
type Def = Omit<Leaf, "path" | "automatic" | "questions"> & { questions?: [text: string, yesMeans: YesMeans][] };
const PATH: Record<BranchId, string[]> = {
  producer: ["producer"],
  broker: ["broker & storage"],
  cluster: ["broker & storage", "cluster"],
  topic: ["topic design"],
  consumer: ["consumer group"],
  processor: ["consumer group", "stream processor"],
  sink: ["consumer group", "stream processor", "sink"],
  change: ["recent changes"],
};

const DEFS: Def[] = [
  { id: "producer.traffic-spike", branch: "producer", seed: "001 S11", title: "Producer traffic spike",
    questions: [["Is the traffic spike sharp: far above the usual peak?", "supports"], ["Are producers sending at unbounded rates?", "supports"], ["Are broker CPU, network or disk saturated?", "supports"], ["Are partitions distributing the load evenly?", "neither"], ["Can producers tolerate backpressure (throttling)?", "neither"]],
    symptom: "Input rate jumps far above its baseline; brokers or consumers cannot absorb it.",
    confirm: [c("topic.input-spike", "recent input rate several times the earlier baseline")],
    ruleOut: [c("topic.input-spike", "input rate flat against its baseline")],
    mitigations: ["throttle-producers", "buffer-upstream", "add-partitions"],
    wrongApproach: "Restarting brokers repeatedly or ignoring the peak: control ingress instead.",
    wrongMitigations: ["restart-brokers", "restart-consumers"] },
  { id: "producer.throttled", branch: "producer", seed: "001 S15", title: "Producer throttled upstream",
    questions: [["Is the producer throttled by rate limits or quotas?", "supports"], ["Is the throttling sustained rather than a short burst?", "supports"], ["Can producers buffer data safely upstream?", "neither"], ["Does downstream expect real-time rather than eventual consistency?", "neither"], ["Are we monitoring producer-side lag or backlog?", "neither"]],
    symptom: "Producer is rate-limited or slowed upstream; input drops below baseline.",
    confirm: [c("topic.input-drop", "input rate well below the earlier baseline"), c("quota.producer-capped", "the topic's input byte rate sits at a producer quota's cap"), c("producer.throttle-time", "brokers report produce throttle time (a quota holds producers back)")],
    ruleOut: [c("topic.input-drop", "input rate at or above baseline"), c("producer.throttle-time", "no broker throttles producers")],
    mitigations: ["buffer-upstream", "fix-alerting"],
    wrongApproach: "Retrying jobs or scaling consumers or the cluster: the bottleneck is before Kafka.",
    wrongMitigations: ["scale-consumers", "scale-cluster"] },
  { id: "producer.duplicates", branch: "producer", seed: "001 S3, 003", title: "Duplicates from unsafe retries",
    questions: [["Are duplicate events identical at the payload level?", "supports"], ["Do duplicates share the same business key or event id?", "supports"], ["Are producers retrying on timeouts?", "supports"], ["Is idempotent producer logic implemented correctly?", "contradicts"], ["Are acknowledgments and retries configured safely (acks=all, idempotence on)?", "contradicts"]],
    symptom: "Retries without idempotence create duplicate records downstream.",
    confirm: [],
    ruleOut: [],
    mitigations: ["fix-idempotence"],
    wrongApproach: "Reprocessing data or deduplicating downstream hides the producer bug.",
    wrongMitigations: ["reprocess-all", "dedupe-downstream"] },
  { id: "broker.down", branch: "broker", seed: "000", title: "Broker down",
    symptom: "A broker is gone; partitions are offline or leaderless.",
    confirm: [c("cluster.broker-left", "a broker present earlier is missing"), c("cluster.offline-partitions", "partitions with leader -1")],
    ruleOut: [c("cluster.broker-left", "all brokers seen earlier are present")],
    mitigations: ["restore-broker", "throttle-producers"],
    wrongApproach: "Restarting every broker or scaling the cluster before restoring the lost replicas.",
    wrongMitigations: ["restart-brokers", "scale-cluster"] },
  { id: "broker.under-replicated", branch: "broker", seed: "000", title: "Under-replicated partitions",
    symptom: "ISR shrink; below min.insync.replicas, acks=all writes fail.",
    confirm: [c("cluster.under-replicated", "isr smaller than replicas"), c("cluster.under-min-isr", "isr below min.insync.replicas")],
    ruleOut: [c("cluster.under-replicated", "every ISR complete")],
    mitigations: ["restore-broker", "add-broker-capacity", "throttle-producers"],
    wrongApproach: "Lowering min.insync.replicas or restarting brokers in a loop trades durability for a green chart.",
    wrongMitigations: ["restart-brokers"] },
  { id: "broker.overload", branch: "broker", seed: "001 S11, 000", title: "Broker overload",
    questions: [["Are broker CPU, network or disk saturated?", "supports"], ["Are produce and fetch request latencies high?", "supports"], ["Are producers sending at unbounded rates?", "supports"], ["Are partitions distributing the load evenly across brokers?", "neither"], ["Are broker request latencies normal?", "contradicts"]],
    symptom: "Request latency, CPU or network saturation on brokers.",
    confirm: [
      c("broker.request-latency", "produce / fetch p99 and request queue time far above their own baseline (broker metrics)"),
      c("broker.handler-idle", "request handler (I/O) or network threads near 0% idle (broker metrics)"),
      c("cluster.under-replicated", "followers falling out of ISR without a broker leaving"),
    ],
    ruleOut: [c("broker.request-latency", "request latency at its baseline"), c("broker.handler-idle", "threads mostly idle")],
    mitigations: ["throttle-producers", "add-broker-capacity"],
    wrongApproach: "Restarting brokers repeatedly during the peak makes leadership move and worsens load.",
    wrongMitigations: ["restart-brokers"] },
  { id: "broker.storage-pressure", branch: "broker", seed: "000", title: "Broker storage pressure",
    questions: [["Are log directories near full or disk latency high?", "supports"], ["Is disk usage and latency normal on every broker?", "contradicts"]],
    symptom: "Disk or WAL latency; disks near full.",
    confirm: [c("storage.log-dir-pressure", "a log dir nearly full, offline, or filling faster than retention frees it"), c("broker.append-latency", "log append (produce local time) or flush latency far above baseline while threads are not saturated (broker metrics)")],
    ruleOut: [c("storage.log-dir-pressure", "every log dir has room and is not filling"), c("broker.append-latency", "log append and flush latency at their baseline")],
    mitigations: ["free-storage", "add-broker-capacity"],
    wrongApproach: "Graceful partition reassignment moves data across the disks that are already saturated.",
    wrongMitigations: ["scale-cluster"] },
  { id: "cluster.controller-churn", branch: "cluster", seed: "000", title: "Controller / leadership churn",
    symptom: "Repeated leadership or controller changes.",
    confirm: [c("cluster.leader-churn", "leaders moving repeatedly across snapshots")],
    ruleOut: [c("cluster.leader-churn", "leadership stable")],
    mitigations: ["restore-broker", "stabilize-membership"],
    wrongApproach: "Restarting brokers to 'reset' the controller adds more elections.",
    wrongMitigations: ["restart-brokers"] },
  { id: "topic.partition-skew", branch: "topic", seed: "001 S5", title: "Hot partition (skew)",
    questions: [["Are certain keys dominating traffic?", "supports"], ["Is the partitioning key a hot or low-cardinality one (a tenant, a country)?", "supports"], ["Does lag align with partition boundaries (a few partitions far behind)?", "supports"], ["Can the key be changed or the load rebalanced?", "neither"], ["Is the partition count sufficient for the throughput?", "neither"]],
    symptom: "One partition takes most of the traffic; lag concentrates there.",
    confirm: [c("skew.lag-concentration", "one partition holds most of the group's lag"), c("skew.input-concentration", "one partition's input rate far above the median")],
    ruleOut: [c("skew.lag-concentration", "lag spread evenly across partitions")],
    mitigations: ["rekey", "add-partitions", "throttle-producers"],
    wrongApproach: "Scaling consumers without repartitioning: one partition is read by one consumer only.",
    wrongMitigations: ["scale-consumers", "restart-consumers"] },
  { id: "topic.insufficient-partitions", branch: "topic", seed: "001 S5, 000", title: "Too few partitions",
    questions: [["Is the partition count sufficient for the throughput?", "contradicts"], ["Are there more consumers (or wanted consumers) than partitions?", "supports"], ["Does lag align with partition boundaries?", "neither"], ["Can the key be changed or the topic repartitioned?", "neither"], ["Are certain keys dominating traffic?", "neither"]],
    symptom: "More consumers than partitions; parallelism is capped.",
    confirm: [c("group.idle-members", "members with no partition while lag grows")],
    ruleOut: [c("group.idle-members", "every member owns a partition")],
    mitigations: ["add-partitions", "optimize-processing"],
    wrongApproach: "Adding more consumers: the extra ones sit idle.",
    wrongMitigations: ["scale-consumers"] },
  { id: "topic.retention-too-short", branch: "topic", seed: "001 S14, 002", title: "Retention too short",
    questions: [["Is the topic's retention (retention.ms) shorter than the lag consumers can reach?", "supports"], ["Do consumers usually lag far behind (hours)?", "supports"], ["Is retention based on size (retention.bytes) as well as time, with partitions filling fast?", "supports"], ["Are consumers expected to replay historical data?", "neither"], ["Does retention align with business recovery needs?", "contradicts"]],
    symptom: "Unconsumed data expires, or will before the backlog drains.",
    confirm: [c("retention.data-lost", "committed offset below the log start offset"), c("retention.expires-before-drain", "retention deadline before the drain ETA")],
    ruleOut: [c("retention.expires-before-drain", "drain ETA well inside the retention window")],
    mitigations: ["extend-retention", "scale-consumers"],
    wrongApproach: "Ignoring missing data, scaling the cluster, or assuming consumers will catch up in time.",
    wrongMitigations: ["scale-cluster", "reset-offsets"] },
  { id: "consumer.rebalance-storm", branch: "consumer", seed: "001 S2", title: "Rebalance storm",
    questions: [["Are rebalances occurring often (several an hour or more)?", "supports"], ["Are consumers frequently joining or leaving the group?", "supports"], ["Are heartbeat or session timeouts being hit?", "supports"], ["Is the partition count aligned with the consumer count?", "neither"], ["Are consumers slow to process or commit offsets (past max.poll.interval.ms)?", "supports"]],
    symptom: "The group keeps rebalancing; processing pauses.",
    confirm: [c("group.rebalance-churn", "state flips and member churn across samples")],
    ruleOut: [c("group.rebalance-churn", "stable state and membership")],
    mitigations: ["stabilize-membership"],
    wrongApproach: "Restarting consumers repeatedly or blindly adding consumers triggers more rebalances.",
    wrongMitigations: ["restart-consumers", "scale-consumers"] },
  { id: "consumer.stopped", branch: "consumer", seed: "001 S12", title: "Consumers stopped or hung",
    questions: [["Do the consumers look healthy (process up, heartbeating) while nothing is consumed?", "supports"], ["Are we monitoring consumer lag trends?", "neither"], ["Does the processing rate show zero while heartbeats continue?", "supports"], ["Do the alerts watch only symptoms (uptime, crashes) rather than data flow?", "neither"], ["Is alert noise hiding real failures?", "neither"]],
    symptom: "No lagging partition's committed offset moves while input continues: the members are gone (stopped), or alive and heartbeating but finishing nothing (hung, without crashing).",
    confirm: [c("group.offsets-frozen-no-members", "offsets frozen, no member owns the partitions"), c("group.hung-consumer", "members alive and heartbeating, yet no committed offset moves on any partition while input continues")],
    ruleOut: [c("group.offsets-moving", "committed offsets advancing")],
    mitigations: ["restart-consumers", "fix-alerting"],
    wrongApproach: "Scaling the cluster or restarting reactively without fixing the freshness alerting.",
    wrongMitigations: ["scale-cluster"] },
  { id: "consumer.poison-record", branch: "consumer", seed: "001 S4, 000", title: "Poison record",
    questions: [["Do consumer logs show deserialization or processing errors at that offset?", "supports"], ["Did the consumer expect a strict schema?", "supports"], ["Are default values missing for new fields?", "supports"], ["Is the consumer using the latest schema version?", "contradicts"], ["Was the schema change backward or forward compatible?", "contradicts"]],
    symptom: "One partition stuck at one offset while the others move.",
    confirm: [c("partition.stalled-while-others-move", "one partition frozen, others advancing, group alive")],
    ruleOut: [c("partition.stalled-while-others-move", "no partition frozen while members are alive")],
    mitigations: ["isolate-poison", "update-consumer-schema"],
    wrongApproach: "Retrying forever, reprocessing everything, or restarting consumers: they hit the same record.",
    wrongMitigations: ["restart-consumers", "reprocess-all", "scale-consumers"] },
  { id: "consumer.slow-processing", branch: "consumer", seed: "001 S9", title: "Slow processing",
    questions: [["Is the processing rate consistently lower than the ingest rate?", "supports"], ["Is one stage slowly degrading over time?", "supports"], ["Are state stores or joins growing unbounded?", "supports"], ["Is GC time increasing gradually?", "supports"], ["Are downstream sinks slowing down?", "neither"]],
    symptom: "Processing rate drifts below the input rate; lag grows slowly, all partitions moving.",
    confirm: [c("group.consume-below-input-steady", "steady consume rate below a steady input rate")],
    ruleOut: [c("group.consume-below-input-steady", "consume rate keeps up with input")],
    mitigations: ["optimize-processing", "scale-consumers"],
    wrongApproach: "Restarting the job repeatedly or immediately scaling the cluster.",
    wrongMitigations: ["restart-consumers", "scale-cluster"] },
  { id: "consumer.sink-bottleneck", branch: "sink", seed: "001 S1, S7", title: "Sink bottleneck (backpressure)",
    questions: [["Did downstream write latency increase?", "supports"], ["Is the sink's throughput lower than the ingest rate?", "supports"], ["Are buffers filling up or tasks waiting on the sink?", "supports"], ["Does lag reduce when traffic drops?", "supports"], ["Is the sink (database, API) fast and not throttling?", "contradicts"]],
    symptom: "Downstream sink slows the consumers; consumption falls at peak while the group is stable.",
    confirm: [c("group.consume-rate-drop", "consume rate fell against its baseline while input held")],
    ruleOut: [c("group.consume-rate-drop", "consume rate steady")],
    mitigations: ["sink-backpressure", "throttle-producers"],
    wrongApproach: "Restarting consumers or adding more of them pushes harder on a saturated sink.",
    wrongMitigations: ["restart-consumers", "scale-consumers", "drop-messages"] },
  { id: "processor.checkpoint-corruption", branch: "processor", seed: "001 S8, 002", title: "Corrupt checkpoint / state store",
    questions: [["Is the failure happening during state restoration?", "supports"], ["Are checkpoint files partially written?", "supports"], ["Is the state backend consistent?", "contradicts"], ["Can the job safely restart from the latest offsets?", "neither"], ["Is reprocessing actually required for correctness?", "neither"]],
    symptom: "A stateful processor crash-loops on a corrupt checkpoint.",
    confirm: [c("group.rebalance-churn", "crash loop shows as members joining and leaving")],
    ruleOut: [],
    mitigations: ["delete-checkpoint"],
    wrongApproach: "Ignoring the crashes, scaling the cluster, or reprocessing everything.",
    wrongMitigations: ["scale-cluster", "reprocess-all"] },
  { id: "processor.microbatch-overhead", branch: "processor", seed: "001 S13", title: "Micro-batch overhead",
    questions: [["Is the micro-batch interval very small?", "supports"], ["Does each batch take little processing time compared with its overhead?", "supports"], ["Is batch scheduling overhead dominating execution?", "supports"], ["Are executors frequently idle between batches?", "supports"], ["Is batch scheduling overhead a small part of each batch?", "contradicts"]],
    symptom: "Micro-batches too small; scheduling overhead dominates latency.",
    confirm: [],
    ruleOut: [],
    mitigations: ["tune-microbatch"],
    wrongApproach: "Scaling the cluster or reducing data volume.",
    wrongMitigations: ["scale-cluster"] },
  { id: "processor.late-events", branch: "processor", seed: "001 S6, S10", title: "Late / out-of-order events",
    questions: [["Are aggregations based on processing time rather than event time?", "supports"], ["Do messages arrive late or out of order, after their window?", "supports"], ["Is there an allowed lateness window that covers the lateness seen?", "contradicts"], ["Are windows closing too early?", "supports"], ["Can dashboards tolerate slight delays for correctness?", "neither"]],
    symptom: "Late or out-of-order events break event-time aggregations.",
    confirm: [],
    ruleOut: [],
    mitigations: ["event-time"],
    wrongApproach: "Dropping late events or retrying the job.",
    wrongMitigations: ["drop-messages", "restart-consumers"] },
  { id: "change.schema-incompatible", branch: "change", seed: "001 S4, 000", title: "Incompatible schema change",
    questions: [["Was the schema change backward or forward compatible?", "contradicts"], ["Did the consumer expect a strict schema?", "supports"], ["Are default values missing for new fields?", "supports"], ["Is the consumer using the latest schema version?", "contradicts"], ["Are compatibility checks enforced in the schema registry?", "contradicts"]],
    symptom: "An upstream schema change breaks deserialization.",
    confirm: [c("event.schema-change-aligned", "schema change on the timeline lines up with the lag start")],
    ruleOut: [],
    mitigations: ["update-consumer-schema", "isolate-poison", "rollback-change"],
    wrongApproach: "Ignoring failures, reprocessing everything, or pausing downstream indefinitely.",
    wrongMitigations: ["reprocess-all", "reset-offsets"] },
  { id: "change.bad-deploy", branch: "change", seed: "000", title: "Bad deploy",
    questions: [["Did anything deploy in the hour before the lag started?", "supports"], ["Does rolling the deploy back stop the lag from growing?", "supports"], ["Did the lag start before any recent deploy?", "contradicts"]],
    symptom: "A recent deployment lines up with the start of the incident.",
    confirm: [c("event.deploy-aligned", "deploy on the timeline lines up with the lag start")],
    ruleOut: [],
    mitigations: ["rollback-change"],
    wrongApproach: "Rolling forward more changes before knowing which one broke it.",
    wrongMitigations: ["scale-cluster"] },
  { id: "change.config", branch: "change", seed: "000", title: "Config change",
    questions: [["Did anyone change a topic or broker config (retention, quota) before the lag started?", "supports"]],
    symptom: "A topic or broker config changed (retention, quota, ...).",
    confirm: [c("topic.config-changed", "config diff between snapshots"), c("event.config-change-aligned", "config change on the timeline")],
    ruleOut: [c("topic.config-changed", "no config changed in the window")],
    mitigations: ["rollback-change"],
    wrongApproach: "Compensating for the change elsewhere instead of reverting it.",
    wrongMitigations: ["scale-cluster"] },
];

export const LEAVES: readonly Leaf[] = DEFS.map((d) => {
  const questions = (d.questions ?? []).map(([text, yesMeans]) => ({ text, yesMeans }));
  const asked = (means: YesMeans): EvidenceRef[] => questions.filter((x) => x.yesMeans === means).map((x) => ({ kind: "question", text: x.text }));
  return {
    ...d,
    confirm: [...d.confirm, ...asked("supports")],
    ruleOut: [...d.ruleOut, ...asked("contradicts")],
    questions,
    path: [...PATH[d.branch], d.id],
    automatic: [...d.confirm, ...d.ruleOut].some((e) => e.kind === "check"),
  };
});

/** The canonical ids of docs/causes.md (a stable contract). */
export const CANONICAL_LEAF_IDS = [
  "producer.traffic-spike", "producer.throttled", "producer.duplicates", "broker.down", "broker.under-replicated",
  "broker.overload", "broker.storage-pressure", "cluster.controller-churn", "topic.partition-skew",
  "topic.insufficient-partitions", "topic.retention-too-short", "consumer.rebalance-storm", "consumer.stopped",
  "consumer.poison-record", "consumer.slow-processing", "consumer.sink-bottleneck", "processor.checkpoint-corruption",
  "processor.microbatch-overhead", "processor.late-events", "change.schema-incompatible", "change.bad-deploy", "change.config",
] as const;

const BY_ID = new Map(LEAVES.map((l) => [l.id, l]));
export function leafById(id: string): Leaf | undefined {
  return BY_ID.get(id);
}

/** Warning text when a commander reaches for a mitigation the seed calls wrong for this cause. */
export function wrongMitigationWarning(leafId: string, mitigation: MitigationId): string | null {
  const leaf = BY_ID.get(leafId);
  if (!leaf || !leaf.wrongMitigations.includes(mitigation)) return null;
  return `${MITIGATIONS[mitigation]} is the wrong approach for ${leaf.title}: ${leaf.wrongApproach}`;
}
