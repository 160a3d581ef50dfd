import { describe, expect, it } from "vitest";
import { CAPTURED, captured } from "@/lib/domain/__fixtures__";
import { computeSignals } from "@/lib/domain/evidence/signals";
import { diagnose } from "./rank";
import { CHECK_IDS, type CheckId } from "./tree";
import type { TimelineEvent, Verdict, VerdictKind } from "./types";

/**
 * Every automatic check on snapshot histories captured from a real broker by the drills
 * (lib/domain/__fixtures__, scripts/capture-fixtures.ts). checks.test.ts covers the edge cases on
 * hand-built histories; here every check id gets its supported verdict, and its contradicted
 * verdict where it has one, on real data, with the reason quoting the captured numbers.
 *
 * `none`: the check emits no verdict at all on that capture (checks that only speak when their
 * evidence is present). `samples`: the capture as the sampler saw it after its first N snapshots.
 * Timeline events are human input, not broker data: they are placed relative to the captured lag
 * start of silent-stop (05:42:50Z) and poison-record.
 */
interface Case {
  check: CheckId;
  fixture: string;
  kind: VerdictKind | "none";
  reason?: RegExp;
  samples?: number;
  events?: (lagStart: number) => TimelineEvent[];
  /** the verdict's weight, when the case is about it */
  weight?: number;
}

const MIN = 60_000;
const HOUR = 3_600_000;

/** Checks that emit only supporting evidence: on a capture without it they stay silent. */
const SUPPORT_ONLY: readonly CheckId[] = ["group.offsets-frozen-no-members", "group.hung-consumer", "retention.data-lost", "cluster.offline-partitions", "cluster.under-min-isr"];
/** The rule-out of consumer.stopped: it only ever contradicts (offsets moving, or caught up). */
const RULE_OUT_ONLY: readonly CheckId[] = ["group.offsets-moving"];

const CASES: Case[] = [
  // topic.partition-skew
  { check: "skew.lag-concentration", fixture: "hot-partition", kind: "supported", reason: /^partition 0 holds 89% of the group's lag while its input rate is 13\.4x the median$/ },
  { check: "skew.lag-concentration", fixture: "slow-sink", kind: "contradicted", reason: /^lag spread evenly: the top partition holds 33% across 3 partitions$/ },
  { check: "skew.lag-concentration", fixture: "poison-record", kind: "unknown", reason: /^partition 1 holds 98% of the group's lag, but its committed offset is frozen/ },
  { check: "skew.input-concentration", fixture: "hot-partition", kind: "supported", reason: /^drill-hot-partition-clicks\[0\] takes 87% of the topic input \(104\.7 rec\/s, 13\.4x the median\)$/ },
  { check: "skew.input-concentration", fixture: "healthy", kind: "contradicted", reason: /^input balanced on drill-healthy-orders: hottest partition 1x the median$/ },
  // consumer.stopped
  { check: "group.offsets-frozen-no-members", fixture: "silent-stop", kind: "supported", reason: /^committed offsets on 3\/3 lagging partitions unchanged for 11 s; group Empty with 0 member\(s\); lag went from 0 to 639$/ },
  { check: "group.offsets-frozen-no-members", fixture: "healthy", kind: "none" },
  { check: "group.offsets-frozen-no-members", fixture: "poison-record", kind: "none" },
  { check: "group.hung-consumer", fixture: "hung-consumer", kind: "supported", reason: /^1 member\(s\) alive and heartbeating \(group Stable, no member change in 10 samples\), yet no committed offset moved on any of the 3 lagging partition\(s\) for 11 s while input continues at 59\.9 rec\/s; lag went from 8 to 629: the consumers hang without crashing$/ },
  { check: "group.hung-consumer", fixture: "poison-record", kind: "none" },
  { check: "group.offsets-moving", fixture: "slow-sink", kind: "contradicted", reason: /^committed offsets advance at 42\.4 rec\/s on 3\/3 partitions$/ },
  { check: "group.offsets-moving", fixture: "healthy", kind: "contradicted", reason: /^drill-healthy-g is caught up \(lag 0\)/ },
  { check: "group.offsets-moving", fixture: "silent-stop", kind: "none" },
  // consumer.poison-record
  { check: "partition.stalled-while-others-move", fixture: "poison-record", kind: "supported", reason: /^drill-poison-record-orders\[1\] stuck at offset 34 for 12 s \(lag 240\) while 2 other partition\(s\) advance at 39\.7 rec\/s; the member's 2 other partition\(s\) advanced in 8 sample\(s\) since drill-poison-record-orders\[1\] last moved and stood still at most 2 s \(drill-poison-record-orders\[0\]\): stuck across many turns; group Stable with 1 member\(s\)$/ },
  { check: "partition.stalled-while-others-move", fixture: "healthy", kind: "contradicted", reason: /^no partition of drill-healthy-g is frozen while members are alive$/ },
  // topic.retention-too-short
  { check: "retention.data-lost", fixture: "retention", kind: "supported", reason: /^2374 records deleted unread on 2 partition\(s\): drill-retention-audit\[0\] committed 67 < log start 1254; drill-retention-audit\[1\] committed 67 < log start 1254$/ },
  { check: "retention.data-lost", fixture: "healthy", kind: "none" },
  // at its third sample retention.ms was already 4 s and the broker had not yet deleted the segments
  { check: "retention.expires-before-drain", fixture: "retention", samples: 3, kind: "supported", reason: /^retention deletes unread records on drill-retention-audit\[1\] in 1 s while the backlog is not draining$/ },
  { check: "retention.expires-before-drain", fixture: "healthy", kind: "contradicted", reason: /^drill-healthy-g is caught up: nothing waits for retention$/ },
  // consumer.rebalance-storm
  { check: "group.rebalance-churn", fixture: "rebalance-storm", kind: "supported", reason: /^0 state transitions, 10 member-set changes \(\+7\/−6\) and 0 rebalancing samples in 12 samples$/ },
  { check: "group.rebalance-churn", fixture: "healthy", kind: "contradicted", reason: /^stable membership: 0 state transitions, 0 member-set changes/ },
  { check: "group.rebalance-churn", fixture: "silent-stop", kind: "unknown", reason: /^1 state transitions, 1 member-set changes \(\+0\/−1\).*a single change/ },
  // topic.insufficient-partitions
  { check: "group.idle-members", fixture: "too-few-partitions", kind: "supported", reason: /^4 members for 2 partitions: 2 idle while lag grows 41\.2 rec\/s$/ },
  { check: "group.idle-members", fixture: "healthy", kind: "contradicted", reason: /^1 members for 3 partitions: parallelism is not capped by partitions$/ },
  // producer.traffic-spike / producer.throttled
  { check: "topic.input-spike", fixture: "traffic-spike", kind: "supported", reason: /^drill-traffic-spike-signups input 295\.7 rec\/s recently vs 30\.1 rec\/s baseline \(9\.8x\)$/ },
  { check: "topic.input-spike", fixture: "producer-drop", kind: "contradicted", reason: /^drill-producer-drop-clicks input 6 rec\/s recently vs 60\.2 rec\/s baseline \(0\.1x\): no spike$/ },
  { check: "topic.input-drop", fixture: "producer-drop", kind: "supported", reason: /^drill-producer-drop-clicks input 6 rec\/s recently vs 60\.2 rec\/s baseline \(0\.1x\): input fell well below baseline$/ },
  { check: "topic.input-drop", fixture: "healthy", kind: "contradicted", reason: /^drill-healthy-orders input 29\.5 rec\/s recently vs 30\.1 rec\/s baseline \(1x\): input at or above baseline$/ },
  { check: "topic.input-drop", fixture: "traffic-spike", kind: "contradicted", reason: /\(9\.8x\): input at or above baseline$/ },
  // broker.down / broker.under-replicated (3-broker captures)
  { check: "cluster.broker-left", fixture: "broker-down", kind: "supported", reason: /^broker 3 \(127\.0\.0\.1\) left at 06:00:09Z and has not returned$/ },
  { check: "cluster.broker-left", fixture: "leader-churn", kind: "contradicted", reason: /^all 3 brokers seen in the window are present$/ },
  { check: "cluster.offline-partitions", fixture: "broker-down", kind: "supported", reason: /^1 partition\(s\) offline \(leader -1\): drill-broker-down-ledger\[2\]$/ },
  { check: "cluster.offline-partitions", fixture: "leader-churn", kind: "none" },
  { check: "cluster.under-replicated", fixture: "broker-down", kind: "supported", reason: /^1 of 3 partitions under-replicated \(isr < replicas\) after broker 3 left: drill-broker-down-ledger\[2\]$/, weight: 0.45 },
  { check: "cluster.under-replicated", fixture: "leader-churn", kind: "contradicted", reason: /^all 3 partitions in scope have a full ISR$/ },
  { check: "cluster.under-min-isr", fixture: "broker-down", kind: "supported", reason: /^acks=all writes fail on 1 partition\(s\): drill-broker-down-ledger\[2\] isr 0 < min\.insync\.replicas 1$/ },
  { check: "cluster.under-min-isr", fixture: "leader-churn", kind: "none" },
  // cluster.controller-churn
  { check: "cluster.leader-churn", fixture: "leader-churn", kind: "supported", reason: /^12 leader changes without a broker leaving or joining, e\.g\. drill-leader-churn-payments\[0\], drill-leader-churn-payments\[1\], drill-leader-churn-payments\[2\] and 9 more$/ },
  { check: "cluster.leader-churn", fixture: "healthy", kind: "contradicted", reason: /^no leader changed in the window$/ },
  // the departed broker's partition went leaderless: its consequence, not churn
  { check: "cluster.leader-churn", fixture: "broker-down", kind: "none" },
  // consumer.slow-processing / consumer.sink-bottleneck
  { check: "group.consume-below-input-steady", fixture: "too-few-partitions", kind: "supported", reason: /^all 2 lagging partitions moving at a steady rate; consuming 59\.7 rec\/s against 100\.6 rec\/s input \(59%\); lag grows 41\.2 rec\/s$/ },
  { check: "group.consume-below-input-steady", fixture: "healthy", kind: "contradicted", reason: /^drill-healthy-g consumes 29\.9 rec\/s against 29\.9 rec\/s input; lag not growing$/ },
  { check: "group.consume-below-input-steady", fixture: "traffic-spike", kind: "unknown", reason: /^consumption below input, but input rose above its baseline$/ },
  { check: "group.consume-rate-drop", fixture: "slow-sink", kind: "supported", reason: /^consume rate fell from 48\.6 to 26 rec\/s \(0\.5x\) while input held and the group stayed Stable with all 3 lagging partitions moving$/ },
  { check: "group.consume-rate-drop", fixture: "producer-drop", kind: "contradicted", reason: /^drill-producer-drop-g consumes 45\.5 rec\/s against 45\.5 rec\/s input; lag not growing$/ },
  { check: "group.consume-rate-drop", fixture: "poison-record", kind: "unknown", reason: /^consumption below input, but some lagging partitions are frozen$/ },
  // broker.storage-pressure / producer.throttled (log dirs and quotas, captured by scripts/capture-capacity-fixtures.ts)
  { check: "storage.log-dir-pressure", fixture: "storage-pressure", kind: "supported", reason: /^broker 1 \/data\/kafka-1 is 90% full \(25\.6 MiB usable of 256\.0 MiB\)$/, weight: 0.6 },
  { check: "storage.log-dir-pressure", fixture: "storage-pressure", kind: "supported", reason: /^Kafka's data on broker 1 \/data\/kafka-1 grows 14\.0 MiB\/s net of retention: the 25\.6 MiB still usable are full in 2 s$/, weight: 0.8 },
  { check: "storage.log-dir-pressure", fixture: "producer-quota", kind: "contradicted", reason: /^every log dir in scope \(1\) has room: at most 72% of its volume used, none filling to full within 6 h$/ },
  // drills captured before log dirs were read: no verdict either way
  { check: "storage.log-dir-pressure", fixture: "healthy", kind: "none" },
  { check: "quota.producer-capped", fixture: "producer-quota", kind: "supported", reason: /^drill-producer-quota-events takes 17\.7 KiB\/s on broker 1 recently: 111% of the producer_byte_rate quota of client-id drill-producer-quota-app \(16\.0 KiB\/s per broker\): the quota caps its input$/ },
  // before the quota was set: no quota, no verdict
  { check: "quota.producer-capped", fixture: "producer-quota", samples: 8, kind: "none" },
  { check: "quota.producer-capped", fixture: "storage-pressure", kind: "contradicted", reason: /^drill-storage-pressure-archive takes 9\.7 MiB\/s on broker 1 recently: 10% of the producer_byte_rate quota of client-id \(default\) \(100\.0 MiB\/s per broker\): below every producer quota$/ },
  // change.config
  { check: "topic.config-changed", fixture: "retention", kind: "supported", reason: /^config changed: drill-retention-audit retention\.ms 3600000 → 4000 at 05:43:33Z$/ },
  { check: "topic.config-changed", fixture: "healthy", kind: "contradicted", reason: /^no topic config changed within the window$/ },
  // timeline events (human input) against the captured lag start
  { check: "event.deploy-aligned", fixture: "silent-stop", kind: "supported", events: (t) => [{ kind: "deploy", at: t - 5 * MIN, service: "invoicing" }],
    reason: /^deploy of invoicing at 05:37:50Z lines up with the lag start at 05:42:50Z \(5 min before it\)$/, weight: 0.7 },
  { check: "event.deploy-aligned", fixture: "silent-stop", kind: "contradicted", events: (t) => [{ kind: "deploy", at: t - 5 * HOUR, service: "invoicing" }],
    reason: /^deploy of invoicing at 00:42:50Z is 5 h away from the lag start at 05:42:50Z$/ },
  { check: "event.deploy-aligned", fixture: "healthy", kind: "unknown", events: () => [{ kind: "deploy", at: Date.parse("2026-11-24T05:44:25Z"), service: "orders" }],
    reason: /^deploy of orders at 05:44:25Z recorded, but no lag start to line it up with$/ },
  { check: "event.schema-change-aligned", fixture: "silent-stop", kind: "supported", events: (t) => [{ kind: "schema-change", at: t - 2 * MIN, topic: "drill-silent-stop-invoices" }],
    reason: /^schema-change on drill-silent-stop-invoices at 05:40:50Z lines up with the lag start at 05:42:50Z \(2 min before it\)$/, weight: 0.7 },
  // a stalled partition makes a schema change the likelier culprit
  { check: "event.schema-change-aligned", fixture: "poison-record", kind: "supported", events: (t) => [{ kind: "schema-change", at: t - MIN }], reason: /lines up with the lag start at \d\d:\d\d:\d\dZ \(1 min before it\)$/, weight: 0.85 },
  { check: "event.schema-change-aligned", fixture: "silent-stop", kind: "contradicted", events: (t) => [{ kind: "schema-change", at: t + 30 * MIN }],
    reason: /^schema-change at 06:12:50Z is 30 min away from the lag start at 05:42:50Z$/ },
  // an event on a topic outside the scope does not speak for it
  { check: "event.schema-change-aligned", fixture: "silent-stop", kind: "none", events: (t) => [{ kind: "schema-change", at: t, topic: "some-other-topic" }] },
  { check: "event.config-change-aligned", fixture: "silent-stop", kind: "supported", events: (t) => [{ kind: "config-change", at: t - 10 * MIN, topic: "drill-silent-stop-invoices" }],
    reason: /^config-change on drill-silent-stop-invoices at 05:32:50Z lines up with the lag start at 05:42:50Z \(10 min before it\)$/, weight: 0.6 },
  { check: "event.config-change-aligned", fixture: "silent-stop", kind: "contradicted", events: (t) => [{ kind: "config-change", at: t - 20 * MIN }],
    reason: /^config-change at 05:22:50Z is 20 min away from the lag start at 05:42:50Z$/ },
  { check: "event.config-change-aligned", fixture: "healthy", kind: "none" },
  // broker metrics from a real Prometheus (broker.overload, broker.storage-pressure, producer.throttled)
  { check: "broker.request-latency", fixture: "broker-overload-metrics", kind: "supported", reason: /^broker 1: produce request queue p99 409 ms vs 102 ms baseline \(4x\) \(requests wait for an I\/O thread\)$/, weight: 0.55 },
  { check: "broker.request-latency", fixture: "healthy-metrics", kind: "unknown", reason: /^request latency high but already as high at the start of the window: highest produce p99 1486 ms \(baseline 1486 ms\)/ },
  { check: "broker.request-latency", fixture: "healthy", kind: "unknown", reason: /^broker metrics not visible: Ripcord reads this from Prometheus \(PROMETHEUS_URL\): set it to a Prometheus that scrapes the brokers' JMX exporter \(locally: npm run metrics:up\)/ },
  { check: "broker.handler-idle", fixture: "broker-overload-metrics", kind: "supported", reason: /^broker 1: request handler \(I\/O\) threads 18% idle \(baseline 55%\): saturated$/, weight: 0.7 },
  { check: "broker.handler-idle", fixture: "healthy-metrics", kind: "contradicted", reason: /^threads mostly idle on broker 1: request handlers 68% idle on broker 1 \(the busiest\)$/ },
  { check: "broker.handler-idle", fixture: "healthy", kind: "none" },
  // the overload drill's syncs and queueing slow the log append too, but its threads are saturated
  { check: "broker.append-latency", fixture: "broker-overload-metrics", kind: "unknown", reason: /^log append latency high but already as high at the start of the window: highest produce local p99 503 ms/ },
  { check: "broker.append-latency", fixture: "healthy", kind: "unknown", reason: /^broker metrics not visible: Ripcord reads this from Prometheus \(PROMETHEUS_URL\)/ },
  { check: "producer.throttle-time", fixture: "producer-quota-metrics", kind: "supported", reason: /^broker 1 throttles producers for their quota: produce throttle time 7875 ms \(baseline 0 ms\)$/, weight: 0.8 },
  { check: "producer.throttle-time", fixture: "healthy-metrics", kind: "contradicted", reason: /^no broker throttles producers: produce throttle time under 10 ms on broker 1/, weight: 0.2 },
  { check: "producer.throttle-time", fixture: "healthy", kind: "unknown", reason: /^broker metrics not visible: Ripcord reads this from Prometheus \(PROMETHEUS_URL\)/ },
];

/**
 * Verdict kinds no capture on this harness can show, covered on readings built from a captured
 * one in checks-broker-metrics.test.ts instead: the team's shared 2-core CI box puts a healthy
 * broker's produce p99 at 0.5–1.5 s, so no capture shows request latency "normal", and no drill
 * can make a local disk slow.
 */
const HAND_BUILT: Partial<Record<CheckId, VerdictKind[]>> = {
  "broker.request-latency": ["contradicted"],
  "broker.append-latency": ["supported", "contradicted"],
};

function lagStartOf(id: string): number {
  const f = captured(id);
  const starts = computeSignals(f.history).groups.map((g) => g.lagStartedAt).filter((x): x is number => x !== null);
  return starts.length > 0 ? Math.min(...starts) : 0;
}

function verdictsOf(c: Case): Verdict[] {
  const f = captured(c.fixture);
  const history = c.samples === undefined ? f.history : f.history.slice(0, c.samples);
  const events = c.events?.(lagStartOf(c.fixture)) ?? [];
  return diagnose(computeSignals(history), { scope: f.scope, events }).verdicts.filter((x) => x.checkId === c.check);
}

const label = (c: Case) => `${c.check} ${c.kind} on ${c.fixture}${c.samples ? ` (first ${c.samples} samples)` : ""}${c.events ? " with a timeline event" : ""}`;

describe("automatic checks on captured real-broker fixtures", () => {
  it.each(CASES.map((c) => [label(c), c] as const))("%s", (_name, c) => {
    const vs = verdictsOf(c);
    if (c.kind === "none") {
      expect(vs, JSON.stringify(vs)).toEqual([]);
      return;
    }
    const hit = vs.find((x) => x.verdict === c.kind && (!c.reason || c.reason.test(x.reason)));
    expect(hit, JSON.stringify(vs)).toBeDefined();
    expect(hit?.reason).toMatch(c.reason ?? /./);
    if (c.kind === "unknown") expect(hit?.weight).toBe(0);
    else expect(hit?.weight).toBeGreaterThan(0);
    if (c.weight !== undefined) expect(hit?.weight).toBe(c.weight);
  });

  it("the lag start the timeline events are placed against is the captured one", () => {
    expect(new Date(lagStartOf("silent-stop")).toISOString()).toBe("2026-11-24T05:42:50.116Z");
    expect(computeSignals(captured("healthy").history).groups.every((g) => g.lagStartedAt === null)).toBe(true);
  });

  it("every check id has a captured-fixture case: supported, and contradicted (or silent) where it has no support", () => {
    for (const id of CHECK_IDS) {
      const cases = CASES.filter((c) => c.check === id);
      expect(cases.length, id).toBeGreaterThan(0);
      const kinds = new Set<VerdictKind | "none">([...cases.map((c) => c.kind), ...(HAND_BUILT[id] ?? [])]);
      if (!RULE_OUT_ONLY.includes(id)) expect(kinds, `${id} needs a supported case`).toContain("supported");
      if (SUPPORT_ONLY.includes(id)) expect(kinds, `${id} needs a case where it stays silent`).toContain("none");
      else expect(kinds, `${id} needs a contradicted case`).toContain("contradicted");
      expect(cases.every((c) => CAPTURED.some((f) => f.id === c.fixture)), id).toBe(true);
    }
  });

  it("support-only checks never contradict and the rule-out-only check never supports, on any capture", () => {
    for (const f of CAPTURED) {
      const vs = diagnose(computeSignals(f.history), { scope: f.scope }).verdicts;
      for (const x of vs) {
        if (SUPPORT_ONLY.includes(x.checkId as CheckId)) expect(x.verdict, `${f.id} ${x.checkId}`).toBe("supported");
        if (RULE_OUT_ONLY.includes(x.checkId as CheckId)) expect(x.verdict, `${f.id} ${x.checkId}`).toBe("contradicted");
      }
    }
  });
});
