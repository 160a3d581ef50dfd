/**
 * The per-cluster evidence sampler: periodic snapshots kept as history.
 *
 * Two cadences. Every `fastMs` (default 10 s) one snapshot: offsets, group state, and — because
 * the collector reads them in the same pass at a fixed cost of one DescribeConfigs and the
 * DescribeGroups batches it needs for state anyway — configs and membership too. Every `slowMs`
 * (default 60 s) the slow work: offsets-by-timestamp seeds for time lag (lagging partitions
 * only), a persisted keyframe (configs and membership stored at this cadence; fast rows store
 * offsets and state as deltas) and pruning past `retentionMs` (default 24 h).
 *
 * History: the last `hotWindowMs` (default 15 min) in memory, everything within the retention in
 * SQLite (when a store is given). A failed collection keeps the history: readers get the last
 * data and its age, plus the error. Collections never overlap; a slow one delays the next tick.
 *
 * Several instances on one PostgreSQL: with a `leadership`, only the instance holding it
 * samples, persists and runs `onSample` (automatic incident entries are written once); the
 * others follow the leader's rows from the store every tick and try to take over, so a dead
 * leader is replaced within one fast interval. A new leader's first sample waits until a full
 * interval after the last stored one: the history never holds two samples of one interval.
 * A follower asked for a fresh reading (`collectNow`) reads Kafka for itself without storing it.
 */
import type { ClusterSnapshot, OffsetTimePoint } from "@/lib/domain/evidence/types";
import { KafkaGatewayError, toGatewayError } from "../kafka/errors";
import type { CollectOptions, KafkaGateway } from "../kafka/gateway";
import { recordKafkaError, recordSample } from "../observability/registry";
import type { BrokerMetricsReader } from "../prometheus/broker-metrics-reader";
import { indexKeyframe, type KeyframeIndex } from "./encode-sample";

export interface SampleStore {
  append(cluster: string, snapshot: ClusterSnapshot, keyframe: { id: number; index: KeyframeIndex } | null): Promise<{ id: number; bytes: number }>;
  prune(cluster: string, before: number): Promise<number>;
  load(cluster: string, from: number, to: number, every?: number): Promise<{ snapshots: ClusterSnapshot[]; lastKeyframe: { id: number; index: KeyframeIndex } | null }>;
  /** at most `max` keyframes (self-contained rows, one per slow tick) with from ≤ takenAt ≤ to, oldest first */
  loadKeyframes?(cluster: string, from: number, to: number, max: number): Promise<ClusterSnapshot[]>;
}

export interface SamplerOptions {
  /** The cluster identity (lib/server/evidence/cluster-identity.ts): the key of its rows in the store. */
  cluster: string;
  gateway: KafkaGateway;
  where: string;
  store?: SampleStore | null;
  fastMs?: number;
  slowMs?: number;
  hotWindowMs?: number;
  retentionMs?: number;
  /** Most partitions asked for time-lag seeds per slow tick. */
  seedPartitions?: number;
  /** Restricts collection (default: every non-internal topic and every group). */
  scope?: CollectOptions;
  /** Called after every successful sample with the history (automatic incident entries); its errors are ignored. */
  onSample?: (history: readonly ClusterSnapshot[]) => Promise<void> | void;
  /**
   * Broker metrics (Prometheus) read at each sample's time, beside the Kafka collection, and
   * attached to the snapshot once both answered; the snapshot is in the history before that, so
   * a slow Prometheus never delays what pages read.
   */
  brokerMetrics?: Pick<BrokerMetricsReader, "fetch" | "assemble"> | null;
  /** Across instances: sample only while holding it (null: this process is the only one). */
  leadership?: SamplerLeadership | null;
}

export interface SamplerLeadership {
  /** Takes or keeps the leadership; false when another instance holds it. */
  acquire(): Promise<boolean>;
  held(): boolean;
  release(): void;
}

export interface SamplerError {
  code: string;
  message: string;
  at: number;
}

export interface SamplerStatus {
  cluster: string;
  brokers: string;
  running: boolean;
  /** this instance samples (false: it follows another instance's stored samples) */
  leader: boolean;
  /** a collection is under way right now */
  collecting: boolean;
  collectingSince: number | null;
  lastAttemptAt: number | null;
  lastSampleAt: number | null;
  /** the newest attempt failed: the data shown is the last good sample */
  lastError: SamplerError | null;
  consecutiveFailures: number;
  samples: number;
  oldestSampleAt: number | null;
  lastDurationMs: number | null;
  lastRequestCount: number | null;
  fastMs: number;
  slowMs: number;
  hotWindowMs: number;
  retentionMs: number;
  persisted: { rows: number; bytes: number; lastError: string | null };
}

const SEED_MAX_AGE_MS = 2 * 60 * 60 * 1000;

export class EvidenceSampler {
  readonly cluster: string;
  readonly fastMs: number;
  readonly slowMs: number;
  readonly hotWindowMs: number;
  readonly retentionMs: number;
  private readonly gateway: KafkaGateway;
  private readonly store: SampleStore | null;
  private readonly where: string;
  private readonly seedPartitions: number;
  private readonly scope: CollectOptions;
  private readonly onSample: SamplerOptions["onSample"];
  private snapshots: ClusterSnapshot[] = [];
  private seedPoints = new Map<string, OffsetTimePoint>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private inFlight: Promise<void> | null = null;
  private collectingSince: number | null = null;
  private lastAttemptAt: number | null = null;
  private lastError: SamplerError | null = null;
  private failures = 0;
  private lastSlowAt = 0;
  private keyframe: { id: number; index: KeyframeIndex } | null = null;
  private persisted = { rows: 0, bytes: 0, lastError: null as string | null };
  private loaded: Promise<void> | null = null;
  private readonly brokerMetrics: SamplerOptions["brokerMetrics"];
  private firstSample: { promise: Promise<void>; resolve: () => void };
  private readonly leadership: SamplerLeadership | null;
  private leading: boolean;
  private pending: { snapshots: ClusterSnapshot[]; lastKeyframe: { id: number; index: KeyframeIndex } | null } | null = null;
  /** successful collections by this process (reloaded history is not a live sample) */
  private live = 0;
  /** Bumped on every new sample or error: readers cache derived views by it. */
  version = 0;

  constructor(opts: SamplerOptions) {
    this.cluster = opts.cluster;
    this.gateway = opts.gateway;
    this.where = opts.where;
    this.store = opts.store ?? null;
    this.fastMs = opts.fastMs ?? 10_000;
    this.slowMs = opts.slowMs ?? 60_000;
    this.hotWindowMs = opts.hotWindowMs ?? 15 * 60_000;
    this.retentionMs = opts.retentionMs ?? 24 * 60 * 60_000;
    this.seedPartitions = opts.seedPartitions ?? 2_000;
    this.scope = opts.scope ?? {};
    this.onSample = opts.onSample;
    this.brokerMetrics = opts.brokerMetrics ?? null;
    let resolve = () => undefined as void;
    this.firstSample = { promise: new Promise<void>((r) => (resolve = r)), resolve };
    this.leadership = opts.leadership ?? null;
    this.leading = this.leadership === null;
  }

  /** Starts the loop (idempotent). The first collection starts at once. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.leadership?.release();
    if (this.leadership) this.leading = false;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.loop(), Math.max(0, delayMs));
    this.timer.unref?.();
  }

  private async loop(): Promise<void> {
    if (!this.running) return;
    const started = Date.now();
    if (this.leadership) {
      const wasLeading = this.leading;
      this.leading = await this.leadership.acquire();
      if (!this.leading) {
        await this.follow();
        return this.schedule(this.fastMs - (Date.now() - started));
      }
      if (!wasLeading) {
        // Taking over: first the previous leader's rows, then wait out its interval.
        await this.follow();
        const last = this.latest()?.takenAt;
        if (last !== undefined && Date.now() < last + this.fastMs) return this.schedule(last + this.fastMs - Date.now());
      }
    }
    // the cadence counts from the collection's start (the lock query before it may take a while)
    const collecting = Date.now();
    await this.collectNow();
    this.schedule(this.fastMs - (Date.now() - collecting));
  }

  /** A follower's tick: the leader's rows stored since the newest one held here. */
  private async follow(): Promise<void> {
    if (!this.store) return;
    await this.loadFromStore();
    try {
      const now = Date.now();
      const newest = this.snapshots.length ? Math.max(...this.snapshots.map((s) => s.takenAt)) : now - this.hotWindowMs;
      const { snapshots, lastKeyframe } = await this.store.load(this.cluster, newest + 1, now);
      if (lastKeyframe) {
        this.keyframe = lastKeyframe;
        this.lastSlowAt = lastKeyframe.index.snapshot.takenAt;
      }
      if (snapshots.length) {
        // the leader's stored rows are the reloaded history, newer: nothing is left to confirm
        this.pending = null;
        for (const s of snapshots) this.insertSorted(s);
        this.trim();
        this.firstSample.resolve();
        this.lastError = null;
        this.failures = 0;
        this.version++;
      }
    } catch (error) {
      this.persisted.lastError = `following the leader's samples: ${(error as Error).message}`;
    }
  }

  private insertSorted(snapshot: ClusterSnapshot): void {
    let i = this.snapshots.length;
    while (i > 0 && (this.snapshots[i - 1]?.takenAt ?? 0) > snapshot.takenAt) i--;
    if (this.snapshots[i - 1]?.takenAt === snapshot.takenAt) return;
    this.snapshots.splice(i, 0, snapshot);
  }

  private trim(): void {
    const newest = this.snapshots[this.snapshots.length - 1]?.takenAt ?? 0;
    const cutoff = newest - this.hotWindowMs;
    while (this.snapshots.length > 1 && (this.snapshots[0]?.takenAt ?? 0) < cutoff) this.snapshots.shift();
  }

  /**
   * Reloads the hot window from the store once (a restarted server keeps its recent history).
   * The reloaded history stays pending until the first live sample confirms it comes from the
   * same Kafka cluster (Kafka's cluster id): the name may now point at another cluster, or at
   * one that is down, and stored samples must not pass for what Kafka says now.
   */
  private loadFromStore(): Promise<void> {
    this.loaded ??= (async () => {
      if (!this.store) return;
      try {
        const now = Date.now();
        const { snapshots, lastKeyframe } = await this.store.load(this.cluster, now - this.hotWindowMs, now);
        if (snapshots.length && this.snapshots.length === 0) this.pending = { snapshots, lastKeyframe };
      } catch (error) {
        this.persisted.lastError = `history not reloaded: ${(error as Error).message}`;
      }
    })();
    return this.loaded;
  }

  /** Joins the reloaded history to the live one when the live sample shows the same cluster. */
  private confirmPending(live: ClusterSnapshot): void {
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    const same = pending.snapshots.filter((x) => x.clusterId === null || live.clusterId === null || x.clusterId === live.clusterId);
    if (same.length !== pending.snapshots.length) return; // another cluster's history: not ours
    for (const x of same) if (x.takenAt < live.takenAt) this.insertSorted(x);
    this.keyframe ??= pending.lastKeyframe;
    this.lastSlowAt = Math.max(this.lastSlowAt, pending.lastKeyframe?.index.snapshot.takenAt ?? 0);
  }

  /**
   * A collection that starts after this call: one under way began earlier (it may predate a
   * change the caller just made or must not miss), so it is awaited first. Never rejects.
   */
  async collectFresh(): Promise<void> {
    if (this.inFlight) await this.inFlight;
    await this.collectNow();
  }

  /** One collection now (joins the one under way, if any). Never rejects. */
  collectNow(): Promise<void> {
    this.inFlight ??= this.collect().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /**
   * Resolves when a first live sample exists, the first attempt failed, or `timeoutMs` passed.
   * History reloaded from the store does not count: until a live sample confirms it, it may be
   * another cluster's (the name now points elsewhere) or describe a cluster that is down.
   */
  async ready(timeoutMs: number): Promise<void> {
    await this.loadFromStore();
    if (this.live > 0 || this.lastError) return;
    this.start();
    const first = this.inFlight ?? this.collectNow();
    await Promise.race([first, this.firstSample.promise, new Promise((r) => setTimeout(r, timeoutMs).unref?.())]);
  }

  private async collect(): Promise<void> {
    await this.loadFromStore();
    const started = Date.now();
    this.collectingSince = started;
    this.lastAttemptAt = started;
    this.version++;
    const metrics = this.brokerMetrics?.fetch(started);
    const leading = this.leading;
    try {
      const snapshot = await this.gateway.collectSnapshot(this.scope);
      this.confirmPending(snapshot);
      this.insertSorted(snapshot);
      this.live++;
      this.trim();
      this.lastError = null;
      this.failures = 0;
      recordSample(this.displayName, "ok", Date.now() - started);
      this.firstSample.resolve();
      if (metrics && this.brokerMetrics) {
        this.version++;
        snapshot.brokerMetrics = this.brokerMetrics.assemble(await metrics, snapshot.brokers);
      }
      // A follower's own reading is for this instance's readers only: the leader stores the history.
      if (!leading) return;
      const slow = snapshot.takenAt - this.lastSlowAt >= this.slowMs;
      if (slow) {
        this.lastSlowAt = snapshot.takenAt;
        await this.refreshSeeds(snapshot);
      }
      await this.persist(snapshot, slow);
      await Promise.resolve(this.onSample?.(this.snapshots)).catch(() => undefined);
    } catch (error) {
      const mapped = error instanceof KafkaGatewayError ? error : toGatewayError(error, this.where);
      this.lastError = { code: mapped.code, message: mapped.message, at: Date.now() };
      this.failures++;
      recordSample(this.displayName, mapped.code, Date.now() - started);
      recordKafkaError(this.displayName, mapped.code);
    } finally {
      this.collectingSince = null;
      this.version++;
    }
  }

  /** Offsets-by-timestamp points for lagging partitions, so time lag is known from the first minute. */
  private async refreshSeeds(snapshot: ClusterSnapshot): Promise<void> {
    const ends = new Map<string, number | null>();
    for (const t of snapshot.topics) for (const p of t.partitions) ends.set(`${t.name}\u0000${p.partition}`, p.logEndOffset);
    const wanted: Record<string, Set<number>> = {};
    let budget = this.seedPartitions;
    for (const g of snapshot.groups) {
      for (const o of g.offsets) {
        if (budget <= 0) break;
        const end = ends.get(`${o.topic}\u0000${o.partition}`);
        if (end == null || (o.committedOffset !== null && o.committedOffset >= end)) continue;
        const set = (wanted[o.topic] ??= new Set());
        if (!set.has(o.partition)) {
          set.add(o.partition);
          budget--;
        }
      }
    }
    const minAt = snapshot.takenAt - SEED_MAX_AGE_MS;
    for (const [k, p] of this.seedPoints) if (p.timestampMs < minAt) this.seedPoints.delete(k);
    if (Object.keys(wanted).length === 0) return;
    try {
      const points = await this.gateway.sampleOffsetTimes(
        Object.fromEntries(Object.entries(wanted).map(([t, s]) => [t, [...s]])),
        snapshot.takenAt,
      );
      for (const p of points) this.seedPoints.set(`${p.topic}\u0000${p.partition}\u0000${p.offset}`, p);
    } catch {
      // Seeds only sharpen time lag in the first minutes; the snapshot itself succeeded.
    }
  }

  private async persist(snapshot: ClusterSnapshot, slow: boolean): Promise<void> {
    if (!this.store) return;
    try {
      const asKeyframe = slow || !this.keyframe;
      const written = await this.store.append(this.cluster, snapshot, asKeyframe ? null : this.keyframe);
      if (asKeyframe) this.keyframe = { id: written.id, index: indexKeyframe(snapshot) };
      this.persisted.rows++;
      this.persisted.bytes += written.bytes;
      if (slow) await this.store.prune(this.cluster, snapshot.takenAt - this.retentionMs);
      this.persisted.lastError = null;
    } catch (error) {
      this.persisted.lastError = (error as Error).message;
    }
  }

  /** The cluster's display name: its identity (lib/server/evidence/cluster-identity.ts). */
  get displayName(): string {
    return this.cluster;
  }

  /** The in-memory history, oldest first (do not mutate). */
  history(): readonly ClusterSnapshot[] {
    return this.snapshots;
  }

  /** Has this process collected a sample yet (history reloaded from the store does not count)? */
  hasLiveSample(): boolean {
    return this.live > 0;
  }

  latest(): ClusterSnapshot | null {
    return this.snapshots[this.snapshots.length - 1] ?? null;
  }

  seeds(): OffsetTimePoint[] {
    return [...this.seedPoints.values()];
  }

  /** Persisted history (older than the hot window); [] without a store. */
  async persistedHistory(from: number, to: number, every = 1): Promise<ClusterSnapshot[]> {
    if (!this.store) return [];
    return (await this.store.load(this.cluster, from, to, every)).snapshots;
  }

  /**
   * Persisted keyframes (one per slow tick) between from and to, at most `max`, oldest first;
   * only those of the Kafka cluster the newest sample comes from. [] without a store.
   */
  async persistedKeyframes(from: number, to: number, max: number): Promise<ClusterSnapshot[]> {
    if (!this.store?.loadKeyframes) return [];
    const rows = await this.store.loadKeyframes(this.cluster, from, to, max);
    const id = this.latest()?.clusterId ?? null;
    return id === null ? rows : rows.filter((r) => r.clusterId === null || r.clusterId === id);
  }

  status(): SamplerStatus {
    const latest = this.latest();
    return {
      cluster: this.cluster,
      brokers: this.where,
      running: this.running,
      leader: this.leading,
      collecting: this.collectingSince !== null,
      collectingSince: this.collectingSince,
      lastAttemptAt: this.lastAttemptAt,
      lastSampleAt: latest?.takenAt ?? null,
      lastError: this.lastError,
      consecutiveFailures: this.failures,
      samples: this.snapshots.length,
      oldestSampleAt: this.snapshots[0]?.takenAt ?? null,
      lastDurationMs: latest?.durationMs ?? null,
      lastRequestCount: latest?.requestCount ?? null,
      fastMs: this.fastMs,
      slowMs: this.slowMs,
      hotWindowMs: this.hotWindowMs,
      retentionMs: this.retentionMs,
      persisted: { ...this.persisted },
    };
  }
}
