import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapServers, down, kafkaSettings, startNode, stopNode, up } from "../../../scripts/kafka/local-kafka.mjs";
import type { NodeControl } from "@/lib/server/drills/kit";
import { brokerDown, leaderChurn } from "@/lib/server/drills/scenarios";
import { drill, expectInjectedFirst, gatewayFor, leftovers } from "./drill-kit";
import { portOf } from "../../../scripts/lib/ports.mjs";

/**
 * broker.down and cluster.controller-churn need three brokers: this file starts its own 3-node
 * cluster on KAFKA_PORT=9650 (controllers on 9750-9752; KAFKA_DRILL_3NODE_PORT overrides it),
 * shared by both drills, and removes it afterwards. Leader churn runs first, on three fresh brokers.
 */
const settings = kafkaSettings({ ...process.env, KAFKA_PORT: String(portOf("KAFKA_DRILL_3NODE_PORT", 9650)), KAFKA_NODES: "3" });

describe("diagnosis on a real 3-broker Kafka: leader churn, broker down", () => {
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

  it("leadership moved repeatedly with every broker up → cluster.controller-churn, not broker.down", async () => {
    const r = await drill(leaderChurn, { brokers: list });
    expectInjectedFirst(r);
    expect(r.signals.cluster.brokersLeft).toEqual([]);
    expect(r.signals.cluster.leaderChanges.length).toBeGreaterThanOrEqual(3);
    expect(r.diagnosis.ruledOut.map((x) => x.id)).toContain("broker.down");
    expect(await leftovers(r.prefix, list)).toEqual({ topics: [], groups: [] });
  });

  it("stopping a broker that holds RF=1 partitions → broker.down, SEV1, and the broker is back after stop()", async () => {
    const r = await drill(brokerDown, { brokers: list, nodes });
    expectInjectedFirst(r);
    expect(r.severity.level).toBe("SEV1");
    expect(r.signals.cluster.offlinePartitions.length).toBeGreaterThan(0);
    expect(r.signals.cluster.brokersLeft.length).toBeGreaterThan(0);
    expect(await leftovers(r.prefix, list)).toEqual({ topics: [], groups: [] });
    // stop() restarted the broker it stopped: all three are registered again.
    const gateway = gatewayFor(list);
    try {
      expect((await gateway.describeCluster()).brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);
    } finally {
      await gateway.close();
    }
  });
});
