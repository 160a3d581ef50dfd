import { Kafka, logLevel, type Admin, type ITopicConfig } from "kafkajs";
import { KafkajsGateway } from "@/lib/server/kafka/kafkajs-gateway";
import { kafkaSettings, saslPort } from "../../../scripts/kafka/local-kafka.mjs";
import { waitFor } from "../helpers";

/** Real-broker fixtures for the kafka integration tests (no mocks). */
export function brokers(): string[] {
  const list = process.env.KAFKA_BROKERS;
  if (!list) throw new Error("KAFKA_BROKERS is not set (tests/integration/setup-env.ts provides it)");
  return list.split(",");
}

/** The run's SASL_PLAINTEXT listener (PLAIN, SASL_USER) of the local harness: KAFKA_PORT + 200. */
export function saslBrokers(): string[] {
  if (process.env.KAFKA_SASL_TEST_BROKERS) return process.env.KAFKA_SASL_TEST_BROKERS.split(",");
  return [`127.0.0.1:${saslPort(kafkaSettings(), 1)}`];
}

export function gatewayFor(list = brokers()): KafkajsGateway {
  return new KafkajsGateway({ brokers: list, clientId: "ripcord-it", connectTimeoutMs: 3000, requestTimeoutMs: 10_000, retries: 2 });
}

export function kafkaFor(list = brokers()): Kafka {
  return new Kafka({ brokers: list, clientId: "ripcord-it-fixture", logLevel: logLevel.NOTHING, retry: { retries: 5 } });
}

export async function createTopics(admin: Admin, topics: ITopicConfig[]): Promise<void> {
  await admin.createTopics({ topics, waitForLeaders: false, timeout: 30_000 });
  // Leaders may still be loading the new partitions under load: wait until each answers ListOffsets.
  for (const { topic } of topics) {
    await waitFor(
      () => admin.fetchTopicOffsets(topic).then(() => true, () => false),
      (ok) => ok,
      { what: `topic ${topic} to be served by its leaders`, intervalMs: 200 },
    );
  }
}

/** Produces `count` small records to each listed partition (retrying while a new topic settles). */
export async function produce(kafka: Kafka, topic: string, perPartition: Record<number, number>): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (const [partition, count] of Object.entries(perPartition)) {
      const messages = Array.from({ length: count }, (_, i) => ({ value: `m${i}`, partition: Number(partition) }));
      await waitFor(
        () => producer.send({ topic, messages, acks: -1 }).then(() => true, () => false),
        (ok) => ok,
        { what: `produce to ${topic}-${partition}`, intervalMs: 500 },
      );
    }
  } finally {
    await producer.disconnect();
  }
}

export async function deleteQuietly(admin: Admin, topics: string[], groups: string[] = []): Promise<void> {
  if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
  if (topics.length) await admin.deleteTopics({ topics, timeout: 30_000 }).catch(() => undefined);
}
