/**
 * Drill traffic: the producers and consumers a scenario paces (records per second that may
 * change mid-run, per-partition consume limits, poison records), each bounded by a record budget
 * and every Kafka call retried a few times while a fresh topic settles. DrillKit owns and stops
 * them; see ./kit.ts. Like the kit, this imports kafkajs directly: the KafkaGateway is
 * admin/read-only by design and offers no producers or consumers.
 */
import { type Consumer, type Kafka, type KafkaMessage, type Producer } from "kafkajs";

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Record budget per producer: a drill never writes more than this. */
export const MAX_RECORDS_PER_PACER = 8_000;

/** Runs `fn` up to `attempts` times, `delayMs` apart; the last error names `what`. */
export async function retry<T>(what: string, fn: () => Promise<T>, attempts = 5, delayMs = 500): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (error) {
      last = error;
      await sleep(delayMs);
    }
  }
  throw new Error(`${what} failed: ${(last as Error)?.message ?? String(last)}`);
}

/** A token bucket: take() waits until the current rate allows one more record. null rate = unlimited. */
export class Limiter {
  private next = 0;
  constructor(private readonly rate: () => number | null) {}
  async take(): Promise<void> {
    const r = this.rate();
    if (r === null || !Number.isFinite(r)) return;
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + 1000 / Math.max(r, 0.01);
    if (at > now) await sleep(at - now);
  }
}

export interface PacerOptions {
  /** records per second at this moment (read every tick). */
  rate: () => number;
  /** the i-th record: key, explicit partition or neither (round robin by the default partitioner). */
  message?: (i: number) => { key?: string; partition?: number; value?: string };
  maxRecords?: number;
}

/** Produces at a (changing) rate in 100 ms ticks until stopped or out of budget. */
export class Pacer {
  sent = 0;
  errors = 0;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private carry = 0;
  private last = Date.now();
  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly opts: PacerOptions,
  ) {}

  start(): this {
    this.last = Date.now();
    this.timer = setInterval(() => void this.tick(), 100);
    return this;
  }

  private async tick(): Promise<void> {
    const now = Date.now();
    this.carry += (this.opts.rate() * (now - this.last)) / 1000;
    this.last = now;
    if (this.busy) return;
    const budget = (this.opts.maxRecords ?? MAX_RECORDS_PER_PACER) - this.sent;
    const n = Math.min(Math.floor(this.carry), budget, 2_000);
    if (n <= 0) return;
    this.carry -= n;
    this.busy = true;
    try {
      const messages = Array.from({ length: n }, (_, k) => {
        const i = this.sent + k;
        const m = this.opts.message?.(i) ?? {};
        return { key: m.key, partition: m.partition, value: m.value ?? JSON.stringify({ v: 1, id: i, at: now }) };
      });
      await this.producer.send({ topic: this.topic, messages, acks: 1 });
      this.sent += n;
    } catch {
      this.errors++;
    } finally {
      this.busy = false;
    }
  }

  /** Sends `n` records now (prefill), outside the rate. */
  async burst(n: number, message?: PacerOptions["message"]): Promise<void> {
    for (let done = 0; done < n; done += 500) {
      const size = Math.min(500, n - done);
      const messages = Array.from({ length: size }, (_, k) => {
        const m = message?.(done + k) ?? {};
        return { key: m.key, partition: m.partition, value: m.value ?? JSON.stringify({ v: 1, id: done + k, at: Date.now() }) };
      });
      // a just-created topic may not be in this producer's metadata yet: retry briefly
      await retry(`producing to ${this.topic}`, () => this.producer.send({ topic: this.topic, messages, acks: 1 }), 10, 300);
      this.sent += size;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/**
 * Keeps `depth` produce requests in flight on one producer (kafkajs pipelines concurrent sends on
 * its connection), each carrying the same prepared records, until stopped or out of budget. Unlike
 * a Pacer this does not wait for the client between requests: the next request is already in the
 * broker's socket when the previous answer leaves, so how hard the broker works is set by what each
 * request costs it, not by how fast this (possibly starved) process turns around.
 */
export class InFlightLoad {
  sent = 0;
  errors = 0;
  private running = false;
  private readonly loops: Promise<void>[] = [];
  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly opts: { depth: number; records: { partition: number; value: Buffer }[]; maxRequests: number },
  ) {}

  start(): this {
    this.running = true;
    for (let k = 0; k < this.opts.depth; k++) this.loops.push(this.loop());
    return this;
  }

  private async loop(): Promise<void> {
    while (this.running && this.sent + this.errors < this.opts.maxRequests) {
      try {
        await this.producer.send({ topic: this.topic, messages: this.opts.records, acks: 1 });
        this.sent++;
      } catch {
        this.errors++;
        await sleep(200);
      }
    }
  }

  /** Stops sending and waits for the requests in flight to end (answered or failed). */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}

export interface ConsumerOptions {
  /** records/s per partition (null = as fast as possible). */
  perPartitionRate?: () => number | null;
  /** records/s over all partitions of this consumer (null = unlimited). */
  totalRate?: () => number | null;
  /** a record this consumer cannot process: it retries it forever (without crashing or leaving). */
  poison?: (message: KafkaMessage) => boolean;
  /** while true, the consumer hangs on its next record: it keeps heartbeating and never finishes it (seed 001 S12). */
  hang?: () => boolean;
  fromBeginning?: boolean;
  maxBytesPerPartition?: number;
  partitionsConsumedConcurrently?: number;
}

/** One group member processing records through optional rate limits, committing every 500 ms. */
export class DrillConsumer {
  processed = 0;
  stuck = false;
  readonly consumer: Consumer;
  private running = false;
  private readonly perPartition = new Map<number, Limiter>();
  private readonly total: Limiter;

  constructor(
    kafka: Kafka,
    readonly groupId: string,
    private readonly topic: string,
    private readonly opts: ConsumerOptions,
    private readonly log: (line: string) => void,
  ) {
    this.consumer = kafka.consumer({
      groupId,
      sessionTimeout: 6_000,
      rebalanceTimeout: 10_000,
      heartbeatInterval: 500,
      maxWaitTimeInMs: 250,
      maxBytesPerPartition: opts.maxBytesPerPartition ?? 16_384,
      allowAutoTopicCreation: false,
      retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2_000, restartOnFailure: async () => this.running },
    });
    this.total = new Limiter(opts.totalRate ?? (() => null));
  }

  private limiter(partition: number): Limiter {
    let l = this.perPartition.get(partition);
    if (!l) {
      l = new Limiter(this.opts.perPartitionRate ?? (() => null));
      this.perPartition.set(partition, l);
    }
    return l;
  }

  async start(): Promise<this> {
    this.running = true;
    await this.consumer.connect();
    // subscribe() refreshes metadata for the topic, which a broker other than the one that
    // created it may not hold yet on a fresh three-node cluster ("does not host this topic-partition").
    await retry(`subscribing ${this.groupId} to ${this.topic}`, () => this.consumer.subscribe({ topics: [this.topic], fromBeginning: this.opts.fromBeginning ?? true }), 10, 500);
    this.consumer.on(this.consumer.events.CRASH, (e) => this.log(`consumer ${this.groupId} crashed: ${String(e.payload.error?.message ?? e.payload.error)}`));
    await this.consumer.run({
      autoCommit: true,
      autoCommitInterval: 500,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.opts.partitionsConsumedConcurrently ?? 8,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        for (const message of batch.messages) {
          if (!isRunning() || isStale() || !this.running) break;
          if (this.opts.hang?.()) {
            // A processing call that never returns: alive and heartbeating, nothing committed.
            this.stuck = true;
            while (this.running && isRunning() && !isStale() && this.opts.hang()) {
              await heartbeat();
              await sleep(250);
            }
            break;
          }
          if (this.opts.poison?.(message)) {
            // The record cannot be deserialized: retry it (a real consumer's retry loop), never skip it.
            this.stuck = true;
            await sleep(250);
            await heartbeat();
            break;
          }
          await this.limiter(batch.partition).take();
          await this.total.take();
          this.processed++;
          resolveOffset(message.offset);
          await commitOffsetsIfNecessary();
          await heartbeat();
        }
      },
    });
    return this;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.consumer.disconnect().catch(() => undefined);
  }
}

/** The resources of one run and the sampling history. */
