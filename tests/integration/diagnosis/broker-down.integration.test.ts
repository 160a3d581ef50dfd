import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapServers, down, kafkaSettings, startNode, stopNode, up } from "../../../scripts/kafka/local-kafka.mjs";
import type { NodeControl } from "@/lib/server/drills/kit";
import { brokerDown } from "@/lib/server/drills/scenarios";
import { drill, expectInjectedFirst, leftovers } from "./drill-kit";

/**
 * broker.down needs three brokers: this file starts its own 3-node cluster on KAFKA_PORT=9650
 * (controllers on 9750-9752) and removes it afterwards.
 */
const settings = kafkaSettings({ ...process.env, KAFKA_PORT: process.env.KAFKA_DRILL_3NODE_PORT ?? "9650", KAFKA_NODES: "3" });

describe("diagnosis on a real 3-broker Kafka: broker down", () => {
  let list: string[] = [];
  const nodes: NodeControl = {
    stop: async (id) => {
      await stopNode(settings, id);
    },
    start: (id) => startNode(settings, id),
  };

  beforeAll(async () => {
    await up(settings, () => {});
    list = bootstrapServers(settings).split(",");
  }, 240_000);

  afterAll(async () => {
    await down(settings, { clean: true }, () => {});
  }, 240_000);

  it("stopping a broker that holds RF=1 partitions → broker.down, SEV1, and the broker is back after stop()", async () => {
    const r = await drill(brokerDown, { brokers: list, nodes });
    expectInjectedFirst(r);
    expect(r.severity.proposed).toBe("SEV1");
    expect(r.signals.cluster.offlinePartitions.length).toBeGreaterThan(0);
    expect(await leftovers(r.prefix, list)).toEqual({ topics: [], groups: [] });
  });
});
