import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "kafkajs";
import { bootstrapServers, down, kafkaSettings, runningCluster, startNode, stopNode, up } from "../../../scripts/kafka/local-kafka.mjs";
import { uniqueName, waitFor } from "../helpers";
import { computeSignals } from "@/lib/domain/evidence/signals";
import { buildEvidenceBundle } from "@/lib/domain/evidence/bundle";
import { createTopics, deleteQuietly, gatewayFor, kafkaFor, produce } from "./fixtures";
import { portOf } from "../../../scripts/lib/ports.mjs";

/**
 * Needs a 3-broker cluster: uses the one on KAFKA_3NODE_PORT (default 9800; not 9600, which is the controller port of a broker on 9500) when it runs,
 * otherwise starts it here (and stops it afterwards). Node 3 is stopped mid-test and restarted.
 */
const settings = kafkaSettings({ ...process.env, KAFKA_PORT: String(portOf("KAFKA_3NODE_PORT", 9800)), KAFKA_NODES: "3" });

describe("a partition without a leader (3 brokers, RF=1, broker 3 stopped), and RF=3 partitions under-replicated", () => {
  let startedHere = false;
  let brokers: string[] = [];
  const topic = uniqueName("it-offline");
  // Every partition on all three brokers, min ISR 3: stopping broker 3 shrinks each ISR to two.
  const replicated = uniqueName("it-underrep");
  const group = uniqueName("it-offline-g");
  let admin: Admin;

  beforeAll(async () => {
    const result = (await up(settings, () => {})) as { started: boolean };
    startedHere = result.started;
    brokers = (bootstrapServers(settings) as string).split(",");
    admin = kafkaFor(brokers).admin();
    await admin.connect();
    await createTopics(admin, [
      { topic, replicaAssignment: [0, 1, 2].map((partition) => ({ partition, replicas: [partition + 1] })) },
      { topic: replicated, numPartitions: 2, replicationFactor: 3, configEntries: [{ name: "min.insync.replicas", value: "3" }] },
    ]);
    await produce(kafkaFor(brokers), topic, { 0: 4, 1: 6, 2: 1 });
    await admin.setOffsets({ groupId: group, topic, partitions: [0, 1, 2].map((partition) => ({ partition, offset: "1" })) });
  }, 240_000);

  afterAll(async () => {
    await startNode(settings, 3).catch(() => undefined);
    // undefined when beforeAll failed before connecting (its own error is the one to read)
    if (admin as Admin | undefined) {
      await deleteQuietly(admin, [topic, replicated], [group]);
      await admin.disconnect();
    }
    if (startedHere && !process.env.KEEP_KAFKA) await down(settings, {}, () => {});
  }, 240_000);

  it("reports it offline with null offsets and keeps the other partitions' offsets", async () => {
    const gateway = gatewayFor(brokers.slice(0, 2));
    try {
      const healthy = await gateway.collectSnapshot({ topics: [topic], skipGroups: true });
      expect(healthy.topics[0]?.partitions.map((p) => p.logEndOffset)).toEqual([4, 6, 1]);

      await stopNode(settings, 3);
      const snapshot = await waitFor(
        () => gateway.collectSnapshot({ topics: [topic], skipGroups: true }),
        (s) => s.topics[0]?.partitions[2]?.offline === true,
        { what: "partition 2 to go offline", timeoutMs: 60_000, intervalMs: 1000 },
      );
      const [p0, p1, p2] = snapshot.topics[0]!.partitions;
      expect([p0?.offline, p0?.logEndOffset, p1?.offline, p1?.logEndOffset]).toEqual([false, 4, false, 6]);
      expect(p2).toMatchObject({ partition: 2, leader: -1, offline: true, logStartOffset: null, logEndOffset: null });
      expect(snapshot.brokers.map((b) => b.nodeId)).toEqual([1, 2]);
      expect(snapshot.warnings).toContain(`partition ${topic}-2 has no leader (offline)`);
      // The group reading the topic keeps its other partitions' lag (high watermark − committed);
      // only the leaderless partition's lag is unknown.
      const withGroup = await gateway.collectSnapshot({ topics: [topic], groups: [group] });
      const lagRows = buildEvidenceBundle([withGroup], { groups: [group] }).groups[0]!.partitions.map((p) => [p.partition, p.committedOffset, p.logEndOffset, p.lag]);
      expect(lagRows).toEqual([[0, 1, 4, 3], [1, 1, 6, 5], [2, 1, null, null]]);
      // Broker 3 is a fenced voter now: the quorum still answers (2 of 3), and Kafka 4 lists it fenced.
      expect(withGroup.controller?.voters.map((v) => v.id)).toEqual([1, 2, 3]);
      expect([1, 2]).toContain(withGroup.controller?.activeId);
      if (settings.version.startsWith("4.")) {
        const fenced = await waitFor(() => gateway.collectSnapshot({ topics: [topic], skipGroups: true }), (s) => s.fencedBrokers?.some((b) => b.nodeId === 3) === true, { what: "broker 3 listed fenced", timeoutMs: 60_000, intervalMs: 1000 });
        expect(fenced.fencedBrokers?.map((b) => b.nodeId)).toEqual([3]);
      } else {
        expect(withGroup.fencedBrokers).toBeUndefined(); // DescribeCluster v2 is Kafka 4's
      }
      // The RF=3 topic keeps serving from brokers 1 and 2, its ISR without broker 3: every
      // partition under-replicated and under min ISR, none offline.
      const withReplicated = await waitFor(
        () => gateway.collectSnapshot({ topics: [topic, replicated], skipGroups: true }),
        (s) => s.topics.find((t) => t.name === replicated)?.partitions.every((p) => p.isr.length === 2) === true,
        { what: `${replicated}'s ISR to shrink to two brokers`, timeoutMs: 60_000, intervalMs: 1000 },
      );
      const replicatedPartitions = withReplicated.topics.find((t) => t.name === replicated)!.partitions;
      expect(replicatedPartitions.map((p) => [p.partition, p.offline, [...p.isr].sort()])).toEqual([[0, false, [1, 2]], [1, false, [1, 2]]]);
      const cluster = computeSignals([withReplicated]).cluster;
      const refs = (list: { topic: string; partition: number }[]) => list.filter((r) => r.topic === replicated).map((r) => r.partition);
      expect(refs(cluster.underReplicated)).toEqual([0, 1]);
      expect(refs(cluster.underMinIsr)).toEqual([0, 1]);
      expect(refs(cluster.offlinePartitions)).toEqual([]);
      expect(cluster.offlinePartitions).toContainEqual({ topic, partition: 2 });
      // Groups still collect (list-groups goes to live brokers only).
      await expect(gateway.collectSnapshot({ topics: [topic] })).resolves.toBeTruthy();
    } finally {
      await gateway.close();
    }
  });

  it("a broker SIGKILLed while the evidence CLI samples: the bundle still comes, within its bounds, naming the broker gone and the partition offline", async () => {
    await startNode(settings, 3);
    const gateway = gatewayFor(brokers.slice(0, 2));
    try {
      await waitFor(
        () => gateway.collectSnapshot({ topics: [topic], skipGroups: true }),
        (s) => s.brokers.length === 3 && s.topics[0]?.partitions[2]?.offline === false,
        { what: "broker 3 back and leading partition 2", timeoutMs: 60_000, intervalMs: 1000 },
      );
    } finally {
      await gateway.close();
    }

    const root = path.resolve(__dirname, "../../..");
    const windowSeconds = 16;
    const started = Date.now();
    const cli = spawn(process.execPath, ["-C", "react-server", "scripts/cli/run.mjs", "evidence", "--brokers", brokers.slice(0, 2).join(","), "--topic", topic, "--window", String(windowSeconds), "--interval", "1", "--json"], {
      cwd: root,
      env: { ...process.env, KAFKA_CONNECT_TIMEOUT_MS: "2000", KAFKA_REQUEST_TIMEOUT_MS: "5000" },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    cli.stdout.on("data", (c: Buffer) => out.push(c));
    cli.stderr.on("data", (c: Buffer) => err.push(c));
    const exited = new Promise<number | null>((resolve) => cli.on("close", resolve));
    // Mid-window: the CLI starts in 1–5 s here, so the kill lands while the CLI samples (or, on a
    // very slow start, just before its first sample: the same evidence must come out).
    await new Promise((r) => setTimeout(r, 6_000));
    await stopNode(settings, 3, { signal: "SIGKILL" });
    const status = await exited;
    const elapsedMs = Date.now() - started;

    expect(Buffer.concat(err).toString()).toBe("");
    expect(status).toBe(0);
    // Bounded: the window plus start-up and one request timeout, never a hang.
    expect(elapsedMs).toBeLessThan((windowSeconds + 20) * 1000);
    const bundle = JSON.parse(Buffer.concat(out).toString()) as {
      cluster: { brokers: { nodeId: number }[] };
      topics: { name: string; partitions: { partition: number; offline: boolean; logEndOffset: number | null }[] }[];
    };
    expect(bundle.cluster.brokers.map((b) => b.nodeId).sort()).toEqual([1, 2]);
    const partitions = bundle.topics.find((t) => t.name === topic)?.partitions ?? [];
    expect(partitions.map((p) => [p.partition, p.offline])).toEqual([[0, false], [1, false], [2, true]]);
    expect(partitions[0]?.logEndOffset).toBe(4);
  });

  it("the active controller stopped: the quorum elects another, and the election is counted from the leader epoch, not from metadata", async () => {
    const ensureUp = async () => {
      for (const id of [1, 2, 3]) if (!runningCluster(settings)?.alive.includes(id)) await startNode(settings, id);
    };
    await ensureUp();
    const gateway = gatewayFor(brokers);
    try {
      const before = await waitFor(
        () => gateway.collectSnapshot({ topics: [topic], skipGroups: true }),
        (s) => s.brokers.length === 3 && s.controller?.activeId !== null && s.controller?.voters.every((v) => v.lagRecords < 1000) === true,
        { what: "three brokers and a settled quorum", timeoutMs: 90_000, intervalMs: 1000 },
      );
      const old = before.controller!;
      await stopNode(settings, old.activeId!);
      const after = await waitFor(
        () => gateway.collectSnapshot({ topics: [topic], skipGroups: true }),
        (s) => s.controller !== null && s.controller !== undefined && s.controller.activeId !== null && s.controller.activeId !== old.activeId,
        { what: "a new active controller", timeoutMs: 90_000, intervalMs: 1000 },
      );
      expect(after.controller!.epoch).toBeGreaterThan(old.epoch);
      const cluster = computeSignals([before, after]).cluster;
      expect(cluster).toMatchObject({ controllerKnown: true, activeControllerId: after.controller!.activeId, controllerChanges: after.controller!.epoch - old.epoch });
      expect(buildEvidenceBundle([before, after]).cluster.controller).toMatchObject({ activeId: after.controller!.activeId, changes: after.controller!.epoch - old.epoch });
    } finally {
      await gateway.close();
      await ensureUp();
    }
  });
});
