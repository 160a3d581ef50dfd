import { Kafka, logLevel } from "kafkajs";
import { kafkaSettings, startNode, stopNode } from "../../scripts/kafka/local-kafka.mjs";

/** The run's Kafka, as the server under test sees it. */
export function testBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error("KAFKA_BROKERS is not set: run the e2e layer through npm test or npm run test:e2e");
  return brokers.split(",");
}

export async function brokerCountFromKafka(): Promise<number> {
  const admin = new Kafka({ clientId: "ripcord-e2e", brokers: testBrokers(), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return (await admin.describeCluster()).brokers.length;
  } finally {
    await admin.disconnect();
  }
}

/** Stops every node of the local cluster the run uses (by port) and returns a restart function. */
export async function stopLocalKafka(): Promise<() => Promise<void>> {
  const port = Number(testBrokers()[0]?.split(":")[1]);
  const settings = kafkaSettings({ ...process.env, KAFKA_PORT: String(port) });
  const nodeIds = Array.from({ length: settings.nodes }, (_, i) => i + 1);
  for (const id of nodeIds) await stopNode(settings, id);
  return async () => {
    for (const id of nodeIds) await startNode(settings, id);
  };
}

/**
 * A one-partition topic with `records` records and a group that committed `committed` of them
 * and has no consumer: lagging and not draining, the shape most incident specs start from.
 */
export async function createLaggingGroup({ topic, group, records, committed }: { topic: string; group: string; records: number; committed: number }): Promise<{ topic: string; group: string }> {
  const kafka = new Kafka({ clientId: "ripcord-e2e-lagging-group", brokers: testBrokers(), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer();
  await admin.connect();
  await producer.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await producer.send({ topic, messages: Array.from({ length: records }, (_, i) => ({ key: String(i), value: `order ${i}` })) });
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: String(committed) }] });
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
  return { topic, group };
}
