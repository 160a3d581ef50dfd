import type { Admin, Kafka } from "kafkajs";
import { appendSample } from "@/lib/server/evidence/append-sample";
import { loadSamples } from "@/lib/server/evidence/load-samples";
import { pruneSamples } from "@/lib/server/evidence/prune-samples";
import { EvidenceSampler, type SamplerOptions } from "@/lib/server/evidence/sampler";
import type { KafkaGateway } from "@/lib/server/kafka/gateway";
import { brokers, gatewayFor } from "../kafka/fixtures";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const dbStore = { append: appendSample, prune: pruneSamples, load: loadSamples };

/** A sampler on the real broker with test-sized cadences; the caller stops it. */
export function testSampler(opts: Partial<SamplerOptions> & { gateway?: KafkaGateway } = {}): EvidenceSampler {
  return new EvidenceSampler({
    cluster: opts.cluster ?? `it-${Date.now()}-${Math.random().toString(16).slice(2, 8)}`,
    gateway: opts.gateway ?? gatewayFor(),
    where: brokers().join(","),
    store: opts.store ?? null,
    fastMs: opts.fastMs ?? 1_000,
    slowMs: opts.slowMs ?? 5_000,
    hotWindowMs: opts.hotWindowMs,
    retentionMs: opts.retentionMs,
    scope: opts.scope,
  });
}

/** Sets a group's committed offsets (the group has no members: a consumer driven by commits). */
export async function commit(admin: Admin, groupId: string, topic: string, offsets: Record<number, number>): Promise<void> {
  await admin.setOffsets({ groupId, topic, partitions: Object.entries(offsets).map(([p, o]) => ({ partition: Number(p), offset: String(o) })) });
}

/**
 * Produces `perSecond` records/s to partition 0 until stopped, recording each record's produce
 * timestamp by offset (the truth for time lag).
 */
export function steadyProducer(kafka: Kafka, topic: string, perSecond: number) {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const times = new Map<number, number>();
  let running = true;
  let produced = 0;
  const done = (async () => {
    await producer.connect();
    const tickMs = 200;
    const perTick = Math.max(1, Math.round((perSecond * tickMs) / 1000));
    while (running) {
      const started = Date.now();
      const ts = Date.now();
      const [meta] = await producer.send({ topic, acks: -1, messages: Array.from({ length: perTick }, (_, i) => ({ partition: 0, value: `r${produced + i}`, timestamp: String(ts) })) });
      const base = Number(meta?.baseOffset ?? produced);
      for (let i = 0; i < perTick; i++) times.set(base + i, ts);
      produced += perTick;
      await sleep(Math.max(0, tickMs - (Date.now() - started)));
    }
    await producer.disconnect();
  })();
  return {
    times,
    produced: () => produced,
    stop: async () => {
      running = false;
      await done;
    },
  };
}
