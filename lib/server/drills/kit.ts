/**
 * Drill kit: the small toolbox the scenario runners (./scenarios) use to create seed 001's
 * conditions on a real Kafka. It owns every resource a run creates (topics, groups, topic config
 * changes, producers, consumers, timers) and `cleanup()` removes all of them, in that order:
 * stop traffic → disconnect consumers (they leave their groups) → revert config changes →
 * delete groups → delete topics → close connections.
 *
 * Names: every topic and group of a run starts with `drill-<scenario>-<random>` so runs never
 * share state and leftovers are recognisable. Resources are bounded: producers stop at a record
 * budget, messages are ~60 bytes, and every wait has a deadline.
 *
 * This and ./traffic.ts are the files outside lib/server/kafka that import kafkajs: drills need
 * producers and consumers, which the KafkaGateway (admin/read-only by design) does not offer. Sampling still
 * goes through the gateway's collectSnapshot. No `import "server-only"`: the drill CLIs run
 * under plain Node (tsx), like the evidence CLI.
 */
import { randomBytes } from "node:crypto";
import { Kafka, logLevel, type Admin, type Producer } from "kafkajs";
import type { ClusterSnapshot, GroupSnapshot } from "@/lib/domain/evidence/types";
import type { EvidenceSignals } from "@/lib/domain/evidence/signal-types";
import type { Scope, TimelineEvent } from "@/lib/domain/diagnosis/types";
import type { KafkaGateway } from "@/lib/server/kafka/gateway";
import { KafkajsGateway } from "@/lib/server/kafka/kafkajs-gateway";
import type { BrokerMetricsReader } from "@/lib/server/prometheus/broker-metrics-reader";
import { DrillConsumer, type ConsumerOptions, InFlightLoad, Pacer, type PacerOptions, retry, sleep } from "./traffic";

export { DrillConsumer, InFlightLoad, MAX_RECORDS_PER_PACER, sleep } from "./traffic";

/** Stops and restarts one broker of a local multi-node cluster (the test harness functions). */
export interface NodeControl {
  stop(nodeId: number): Promise<void>;
  start(nodeId: number): Promise<void>;
}

export interface DrillContext {
  brokers: string[];
  /** how many brokers the cluster has and how to stop one (broker-down only). */
  nodes?: NodeControl | null;
  /** gateway used for sampling; default: one the kit opens on `brokers` and closes on stop. */
  gateway?: KafkaGateway;
  log?: (line: string) => void;
  connectTimeoutMs?: number;
  /** names the run's topics and groups instead of `drill-<scenario>-…` (game day: names must not give the scenario away). */
  namePrefix?: string;
  /** broker metrics (Prometheus) read with every sample; scenarios with `needsMetrics` require them. */
  brokerMetrics?: Pick<BrokerMetricsReader, "fetch" | "assemble"> | null;
  /**
   * The caller checked that the cluster is marked non-production (the dashboard's Settings →
   * Clusters). Without it, changes that slow a whole broker for everyone on it (its thread pools)
   * are made on loopback brokers only (the local harness).
   */
  nonProduction?: boolean;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\]|::1):\d+$/;

/** Whether a drill may change broker-wide settings on these brokers (see DrillContext.nonProduction). */
export function mayAlterBrokers(ctx: Pick<DrillContext, "brokers" | "nonProduction">): boolean {
  return ctx.nonProduction === true || (ctx.brokers.length > 0 && ctx.brokers.every((b) => LOOPBACK.test(b.trim())));
}

/** Refuses a broker-wide change on a cluster not known to be non-production (call it before connecting or creating anything). */
export function requireBrokerChangesAllowed(ctx: Pick<DrillContext, "brokers" | "nonProduction">, what: string): void {
  if (!mayAlterBrokers(ctx)) {
    throw new Error(`${what} slows a whole broker for every client on it: refused on ${ctx.brokers.join(",")} (drills change broker settings only on loopback brokers or a cluster marked non-production in Settings → Clusters)`);
  }
}

export interface Scenario {
  /** short id used on the command line and in fixture names: "hot-partition". */
  id: string;
  title: string;
  /** canonical root-cause leaf id (docs/causes.md); null for the healthy baseline. */
  injectedCause: string | null;
  /** where the condition comes from: "001 S5". */
  seed: string;
  /** brokers the scenario needs (3 for broker-down). */
  needsNodes: 1 | 3;
  /** planned samples of the window; phases run at fractions of it (see RunningScenario.tick). */
  samples: number;
  /** ms between samples when the runner is not told (default 1500): slow shapes need a longer window. */
  intervalMs?: number;
  /** the condition is visible only in broker metrics: the drill needs a Prometheus (PROMETHEUS_URL). */
  needsMetrics?: boolean;
  start(ctx: DrillContext): Promise<RunningScenario>;
}

export interface RunningScenario {
  /** topics and groups this run created (for restricted sampling and cleanup checks). */
  topics: string[];
  groups: string[];
  /** the scope to diagnose. */
  scope: Scope;
  /** timeline events the runner recorded (e.g. the schema change of the poison drill). */
  events: TimelineEvent[];
  /** the `drill-<scenario>-<random>` prefix of every name. */
  prefix: string;
  /** collects one snapshot restricted to this run's topics and groups; returns the history so far. */
  sample(): Promise<ClusterSnapshot[]>;
  history(): ClusterSnapshot[];
  /** called after sample `index` (0-based) of `planned`: moves the scenario through its phases. */
  tick(index: number, planned: number): Promise<void>;
  /** the injected condition is visible in these signals (the harness samples until it is). */
  established(signals: EvidenceSignals): boolean;
  /** removes EVERYTHING the run created; safe to call twice. */
  stop(): Promise<void>;
}

/** kafkajs's ConfigResourceTypes.BROKER (its enum is not an ESM named export). */
const BROKER_RESOURCE = 4;

/** The name prefix of every topic and group of one run: `drill-<scenario>-<random>`. */
export function drillPrefix(scenarioId: string): string {
  return `drill-${scenarioId}-${randomBytes(3).toString("hex")}`;
}

export class DrillKit {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly gateway: KafkaGateway;
  readonly topics: string[] = [];
  readonly groups: string[] = [];
  readonly events: TimelineEvent[] = [];
  readonly log: (line: string) => void;
  private readonly ownGateway: boolean;
  private readonly configChanges: { topic: string; original: Record<string, string | null> }[] = [];
  private readonly brokerChanges: { nodeId: number; key: string; steps: number[]; hadOverride: boolean }[] = [];
  private readonly quotas: { clientId: string; key: string }[] = [];
  private readonly pacers: Pacer[] = [];
  private readonly loads: InFlightLoad[] = [];
  private readonly producers: Producer[] = [];
  private readonly consumers: DrillConsumer[] = [];
  private readonly cleanups: (() => Promise<void>)[] = [];
  private readonly snapshots: ClusterSnapshot[] = [];
  private stopped = false;
  /** brokers the sampling gateway bootstraps from (broker-down narrows it to survivors). */
  private sampler: KafkaGateway;
  private ownSampler = false;

  constructor(
    readonly ctx: DrillContext,
    readonly prefix: string,
  ) {
    this.log = ctx.log ?? (() => undefined);
    this.kafka = new Kafka({
      brokers: ctx.brokers,
      clientId: prefix,
      logLevel: logLevel.NOTHING,
      connectionTimeout: ctx.connectTimeoutMs ?? 3_000,
      requestTimeout: 10_000,
      retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2_000 },
    });
    this.admin = this.kafka.admin();
    this.ownGateway = !ctx.gateway;
    this.gateway = ctx.gateway ?? this.newGateway(ctx.brokers);
    this.sampler = this.gateway;
  }

  private newGateway(brokers: string[]): KafkaGateway {
    return new KafkajsGateway({ brokers, clientId: `${this.prefix}-sampler`, connectTimeoutMs: this.ctx.connectTimeoutMs ?? 3_000, requestTimeoutMs: 10_000, retries: 2 });
  }

  /** Sample through a gateway bootstrapping from these brokers only (a broker about to be stopped is left out). */
  sampleFrom(brokers: string[]): void {
    this.sampler = this.newGateway(brokers);
    this.ownSampler = true;
  }

  static async open(ctx: DrillContext, scenarioId: string): Promise<DrillKit> {
    const kit = new DrillKit(ctx, ctx.namePrefix ?? drillPrefix(scenarioId));
    await kit.admin.connect();
    return kit;
  }

  name(suffix: string): string {
    return `${this.prefix}-${suffix}`;
  }

  async createTopic(
    suffix: string,
    opts: { partitions?: number; configs?: Record<string, string>; replicaAssignment?: { partition: number; replicas: number[] }[] } = {},
  ): Promise<string> {
    const topic = this.name(suffix);
    this.topics.push(topic);
    const spec = opts.replicaAssignment
      ? { topic, replicaAssignment: opts.replicaAssignment, configEntries: this.entries(opts.configs) }
      : { topic, numPartitions: opts.partitions ?? 3, replicationFactor: 1, configEntries: this.entries(opts.configs) };
    // On a freshly started cluster the metadata wait can fail transiently ("does not host this
    // topic-partition") after the topic was created: retry, and accept a topic that now exists.
    await retry(`creating topic ${topic}`, async () => {
      const created = await this.admin.createTopics({ topics: [spec], waitForLeaders: true, timeout: 30_000 });
      if (!created) await this.admin.fetchTopicMetadata({ topics: [topic] });
    }, 10, 1_000);
    return topic;
  }

  private entries(configs?: Record<string, string>) {
    return Object.entries(configs ?? {}).map(([name, value]) => ({ name, value }));
  }

  group(suffix = "g"): string {
    const g = this.name(suffix);
    if (!this.groups.includes(g)) this.groups.push(g);
    return g;
  }

  /** Changes topic configs through the gateway (read-modify-write) and remembers the originals. */
  async alterTopicConfig(topic: string, changes: Record<string, string>): Promise<void> {
    const current = await this.gateway.describeTopicConfigs(topic);
    const original: Record<string, string | null> = {};
    for (const key of Object.keys(changes)) {
      const entry = current.find((e) => e.name === key);
      original[key] = entry && entry.source === "DYNAMIC_TOPIC_CONFIG" ? entry.value : null;
    }
    this.configChanges.push({ topic, original });
    await this.gateway.alterTopicConfigs(topic, changes);
  }

  async producer(): Promise<Producer> {
    const p = this.kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1_000 } });
    this.producers.push(p);
    await p.connect();
    return p;
  }

  async pace(topic: string, opts: PacerOptions): Promise<Pacer> {
    const pacer = new Pacer(await this.producer(), topic, opts);
    this.pacers.push(pacer);
    return pacer;
  }

  /** A producer keeping `depth` requests in flight (see InFlightLoad); cleanup stops it before anything else. */
  async inFlightLoad(topic: string, opts: ConstructorParameters<typeof InFlightLoad>[2]): Promise<InFlightLoad> {
    const load = new InFlightLoad(await this.producer(), topic, opts);
    this.loads.push(load);
    return load;
  }

  async consumer(groupId: string, topic: string, opts: ConsumerOptions = {}): Promise<DrillConsumer> {
    const c = new DrillConsumer(this.kafka, groupId, topic, opts, this.log);
    this.consumers.push(c);
    await c.start();
    return c;
  }

  /** Registers extra cleanup (run before topics and groups are deleted), e.g. restarting a broker. */
  onCleanup(fn: () => Promise<void>): void {
    this.cleanups.push(fn);
  }

  async sample(): Promise<ClusterSnapshot[]> {
    // Broker metrics at the same instant as the Kafka collection, matched to its brokers.
    const metrics = this.ctx.brokerMetrics;
    const reading = metrics?.fetch(Date.now());
    const snapshot = await this.sampler.collectSnapshot({ topics: this.topics, groups: this.groups });
    if (metrics && reading) snapshot.brokerMetrics = metrics.assemble(await reading, snapshot.brokers);
    this.snapshots.push(snapshot);
    return this.snapshots;
  }

  /** The broker's value of `key` and whether it is a dynamic override of this broker (configSource 2). */
  private async brokerSetting(nodeId: number, key: string): Promise<{ value: number; dynamic: boolean }> {
    const res = await this.admin.describeConfigs({ resources: [{ type: BROKER_RESOURCE, name: String(nodeId), configNames: [key] }], includeSynonyms: false });
    const entry = res.resources[0]?.configEntries.find((e) => e.configName === key);
    return { value: Number(entry?.configValue), dynamic: Number(entry?.configSource) === 2 };
  }

  /** Sets (or, with null, removes) a broker override and waits until the broker reads `expect`. */
  private async setBrokerConfig(nodeId: number, key: string, value: number | null, expect: number): Promise<void> {
    await this.gateway.alterBrokerConfigs(nodeId, { [key]: value === null ? null : String(value) });
    const deadline = Date.now() + 30_000;
    while ((await this.brokerSetting(nodeId, key)).value !== expect) {
      if (Date.now() > deadline) throw new Error(`broker ${nodeId} did not apply ${key}=${expect} within 30 s`);
      await sleep(200);
    }
  }

  /**
   * Lowers a broker thread pool (num.io.threads, num.network.threads) to `target` at runtime.
   * Kafka accepts at most halving per change, so it steps down (8 → 4 → 2 → 1); cleanup steps back
   * up (at most doubling) and then removes the override, or restores the broker's own one.
   */
  async lowerBrokerThreads(nodeId: number, key: "num.io.threads" | "num.network.threads", target: number): Promise<void> {
    requireBrokerChangesAllowed(this.ctx, `lowering ${key}`);
    const start = await this.brokerSetting(nodeId, key);
    const steps: number[] = [start.value];
    while (steps[steps.length - 1]! > target) steps.push(Math.max(target, Math.ceil(steps[steps.length - 1]! / 2)));
    this.brokerChanges.push({ nodeId, key, steps, hadOverride: start.dynamic });
    for (const v of steps.slice(1)) await this.setBrokerConfig(nodeId, key, v, v);
    this.log(`broker ${nodeId}: ${key} ${steps.join(" → ")}`);
  }

  /** Sets a client-id quota (e.g. producer_byte_rate) on the cluster; cleanup removes it. */
  async setClientQuota(clientId: string, key: "producer_byte_rate" | "consumer_byte_rate" | "request_percentage", value: number): Promise<void> {
    this.quotas.push({ clientId, key });
    await this.gateway.alterClientQuotas([{ entityType: "client-id", entityName: clientId }], { [key]: value });
    this.log(`client quota ${key}=${value} on client id ${clientId}`);
  }

  history(): ClusterSnapshot[] {
    return this.snapshots;
  }

  async describeGroup(groupId: string): Promise<GroupSnapshot | undefined> {
    return (await this.gateway.describeGroups([groupId]))[0];
  }

  /** Waits until the group is Stable with `members` members, each with a known assignment. */
  async waitForStableGroup(groupId: string, members: number, timeoutMs = 45_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = "not described";
    while (Date.now() < deadline) {
      const g = await this.describeGroup(groupId).catch(() => undefined);
      if (g) last = `${g.state} with ${g.members.length} member(s)`;
      if (g && g.state === "Stable" && g.members.length === members) return;
      await sleep(300);
    }
    throw new Error(`group ${groupId} did not become Stable with ${members} member(s) in ${timeoutMs} ms (last: ${last})`);
  }

  /**
   * Waits until the group keeps pace with its topics: on every partition the committed offset has
   * reached the log end offset seen one poll earlier (or the lag is 0). Producers keep writing
   * while a drill sets up, so "lag exactly 0 at one instant" depends on timing (records in flight
   * between a produce and the next commit); "everything that existed a moment ago is consumed"
   * does not, however slow the machine is.
   */
  async waitForCaughtUp(groupId: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lag = -1;
    let behindEarlier = -1;
    let earlierEnds: Map<string, number> | null = null;
    while (Date.now() < deadline) {
      const s = await this.gateway.collectSnapshot({ topics: this.topics, groups: [groupId] });
      const ends = new Map<string, number>();
      for (const t of s.topics) for (const p of t.partitions) ends.set(`${t.name}\u0000${p.partition}`, p.logEndOffset ?? 0);
      const g = s.groups.find((x) => x.groupId === groupId);
      if (g && g.offsets.length > 0) {
        lag = 0;
        behindEarlier = 0;
        for (const o of g.offsets) {
          const key = `${o.topic}\u0000${o.partition}`;
          const committed = o.committedOffset ?? 0;
          lag += Math.max(0, (ends.get(key) ?? 0) - committed);
          behindEarlier += earlierEnds ? Math.max(0, (earlierEnds.get(key) ?? Number.MAX_SAFE_INTEGER) - committed) : Number.MAX_SAFE_INTEGER;
        }
        if (lag === 0 || behindEarlier === 0) return;
      }
      earlierEnds = ends;
      await sleep(300);
    }
    throw new Error(`group ${groupId} did not catch up in ${timeoutMs} ms (lag ${lag}, ${behindEarlier < 0 || behindEarlier >= Number.MAX_SAFE_INTEGER ? "no earlier reading" : `${behindEarlier} behind the previous poll's log end`})`);
  }

  /** Removes everything this run created. Every step runs even if an earlier one fails. */
  async cleanup(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const problems: string[] = [];
    const step = async (what: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (error) {
        problems.push(`${what}: ${(error as Error).message}`);
      }
    };
    for (const p of this.pacers) p.stop();
    await Promise.all(this.loads.map((l) => l.stop()));
    await Promise.all(this.consumers.map((c) => c.stop()));
    await Promise.all(this.producers.map((p) => p.disconnect().catch(() => undefined)));
    for (const fn of this.cleanups) await step("cleanup hook", fn);
    for (const q of [...this.quotas].reverse()) await step(`remove quota ${q.key} of ${q.clientId}`, () => this.gateway.alterClientQuotas([{ entityType: "client-id", entityName: q.clientId }], { [q.key]: null }));
    for (const change of [...this.brokerChanges].reverse()) {
      await step(`restore ${change.key} on broker ${change.nodeId}`, async () => {
        // back up the way down (at most doubling per change), then the broker's own setting
        const up = [...change.steps].reverse().slice(1);
        for (const v of up.slice(0, -1)) await this.setBrokerConfig(change.nodeId, change.key, v, v);
        const original = change.steps[0]!;
        await this.setBrokerConfig(change.nodeId, change.key, change.hadOverride ? original : null, original);
      });
    }
    for (const change of [...this.configChanges].reverse()) {
      await step(`revert configs of ${change.topic}`, () => this.gateway.alterTopicConfigs(change.topic, change.original));
    }
    if (this.groups.length > 0) {
      await step("delete groups", async () => {
        const existing = new Set((await this.gateway.listGroups()).map((g) => g.groupId));
        const mine = this.groups.filter((g) => existing.has(g));
        if (mine.length > 0) await retry("deleting groups", () => this.admin.deleteGroups(mine), 10, 500);
      });
    }
    if (this.topics.length > 0) {
      await step("delete topics", async () => {
        const existing = new Set((await this.gateway.listTopics()).map((t) => t.name));
        const mine = this.topics.filter((t) => existing.has(t));
        if (mine.length > 0) await retry("deleting topics", () => this.admin.deleteTopics({ topics: mine, timeout: 30_000 }), 5, 1_000);
        // Deletion completes asynchronously on some releases (seen on 3.9): stop() promises
        // that nothing is left, so wait until the topics no longer list.
        const deadline = Date.now() + 30_000;
        for (;;) {
          const still = new Set((await this.gateway.listTopics()).map((t) => t.name));
          const left = mine.filter((t) => still.has(t));
          if (left.length === 0) break;
          if (Date.now() > deadline) throw new Error(`topics still listed 30 s after deletion: ${left.join(", ")}`);
          await new Promise((r) => setTimeout(r, 500));
        }
      });
    }
    await this.admin.disconnect().catch(() => undefined);
    if (this.ownSampler) await this.sampler.close().catch(() => undefined);
    if (this.ownGateway) await this.gateway.close().catch(() => undefined);
    if (problems.length > 0) throw new Error(`cleanup of ${this.prefix} incomplete: ${problems.join("; ")}`);
  }

  /** A RunningScenario over this kit. */
  running(spec: {
    scope: Scope;
    tick?: (index: number, planned: number) => Promise<void> | void;
    established: (signals: EvidenceSignals) => boolean;
  }): RunningScenario {
    return {
      topics: this.topics,
      groups: this.groups,
      scope: spec.scope,
      events: this.events,
      prefix: this.prefix,
      sample: () => this.sample(),
      history: () => this.history(),
      tick: async (index, planned) => {
        await spec.tick?.(index, planned);
      },
      established: spec.established,
      stop: () => this.cleanup(),
    };
  }
}

/** Opens a kit and runs `setup`; if setup fails, cleans up what it created and rethrows. */
export async function withKit(ctx: DrillContext, scenarioId: string, setup: (kit: DrillKit) => Promise<RunningScenario>): Promise<RunningScenario> {
  const kit = await DrillKit.open(ctx, scenarioId);
  try {
    return await setup(kit);
  } catch (error) {
    await kit.cleanup().catch(() => undefined);
    throw error;
  }
}

/** How long metric drills run their load before sampling, so broker percentiles reflect it (see broker-overload). */
export const WARM_UP_MS = 15_000;

/** Phase helper: has the run reached `fraction` of its planned samples? */
export const reached = (index: number, planned: number, fraction: number) => index >= Math.round((planned - 1) * fraction);
