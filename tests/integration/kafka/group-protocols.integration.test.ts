import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin, Producer } from "kafkajs";
import { computeSignals } from "@/lib/domain/evidence/signals";
import { buildEvidenceBundle } from "@/lib/domain/evidence/bundle";
import { diagnose } from "@/lib/domain/diagnosis/rank";
import type { ClusterSnapshot } from "@/lib/domain/evidence/types";
import { kafkaSettings } from "../../../scripts/kafka/local-kafka.mjs";
import { uniqueName, waitFor } from "../helpers";
import { brokers, createTopics, deleteQuietly, gatewayFor, kafkaFor } from "./fixtures";
import { JavaGroupMembers, type GroupProtocol } from "./group-members";

/**
 * Real Java consumers (tests/integration/kafka/java/GroupMembers.java) in a group of each
 * protocol the run's Kafka speaks: on Kafka 4 the KIP-848 consumer protocol
 * (group.protocol=consumer, described with ConsumerGroupDescribe) and the classic one; on 3.9
 * the classic one. The group page, status, diagnosis and severity read both the same way.
 */
const PROTOCOLS: GroupProtocol[] = kafkaSettings().version.startsWith("4.") ? ["consumer", "classic"] : ["classic"];
const PARTITIONS = 4;

describe.each(PROTOCOLS)("a %s-protocol group with real Java members", (protocol) => {
  const kafka = kafkaFor();
  const gateway = gatewayFor();
  const topic = uniqueName(`it-${protocol}`);
  const group = uniqueName(`it-${protocol}-g`);
  const stormGroup = uniqueName(`it-${protocol}-storm`);
  let admin: Admin;
  let producer: Producer;
  let producing = true;
  let loop: Promise<void> | null = null;
  let members: JavaGroupMembers;

  const snap = () => gateway.collectSnapshot({ topics: [topic], groups: [group, stormGroup].filter((g) => seen.has(g)) });
  const seen = new Set<string>();

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }]);
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    // Input continues through every test: 20 records/s over the four partitions.
    loop = (async () => {
      let n = 0;
      while (producing) {
        await producer.send({ topic, messages: Array.from({ length: 4 }, (_, i) => ({ partition: i, value: `v${n + i}` })) }).catch(() => undefined);
        n += 4;
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    members = JavaGroupMembers.start({ brokers: brokers(), groupId: group, protocol, topics: [topic] });
  }, 120_000);

  afterAll(async () => {
    producing = false;
    await loop;
    await producer.disconnect();
    await members.stop();
    await deleteQuietly(admin, [topic], [group, stormGroup]);
    await admin.disconnect();
    await gateway.close();
  });

  it("a consuming group is Stable with its members, their assignment and the protocol", async () => {
    members.join("m1", "m2");
    seen.add(group);
    const snapshot = await waitFor(
      snap,
      (s) => {
        const g = s.groups.find((x) => x.groupId === group);
        const owned = (g?.members ?? []).flatMap((m) => m.assignment[topic] ?? []).sort();
        return g?.state === "Stable" && g.members.length === 2 && owned.join() === "0,1,2,3" && g.members.every((m) => (m.assignment[topic] ?? []).length === 2);
      },
      { what: "the group Stable with two members owning two partitions each", timeoutMs: 90_000, intervalMs: 1000 },
    );
    const g = snapshot.groups.find((x) => x.groupId === group)!;
    expect(g.protocol).toBe(protocol);
    expect(g.members.map((m) => m.clientId).sort()).toEqual(["m1", "m2"]);
    if (protocol === "consumer") {
      // KIP-848: epochs and the server-side assignor; every member reconciled to its target.
      expect(g.groupEpoch).toBeGreaterThanOrEqual(2);
      expect(g.assignmentEpoch).toBe(g.groupEpoch);
      expect(g.assignor).toBe("uniform");
      for (const m of g.members) {
        expect(m.memberEpoch).toBe(g.groupEpoch);
        expect(m.targetAssignment).toEqual(m.assignment);
      }
    } else {
      expect(g.groupEpoch).toBeNull();
      expect(g.assignor).toMatch(/range|cooperative-sticky/);
    }
    // Consuming: offsets advance across samples and the status is ok, never "stopped".
    const history: ClusterSnapshot[] = [snapshot];
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 1500));
      history.push(await snap());
    }
    const signals = computeSignals(history);
    const gs = signals.groups.find((x) => x.groupId === group)!;
    expect(gs.memberCount).toBe(2);
    expect(gs.consumeRatePerSec).toBeGreaterThan(0);
    expect(["ok", "lagging"]).toContain(gs.status);
    const d = diagnose(signals, { scope: { kind: "group", name: group } });
    expect(d.causes.map((c) => c.id)).not.toContain("consumer.stopped");
    expect(d.ruledOut.map((r) => r.id)).toContain("consumer.stopped");
    const bundle = buildEvidenceBundle(history, { groups: [group] });
    expect(bundle.groups[0]).toMatchObject({ groupId: group, state: "Stable", protocol, members: 2 });
  });

  it("members gone while input continues: the group is stopped", async () => {
    members.leave("m1", "m2");
    await waitFor(snap, (s) => s.groups.find((x) => x.groupId === group)?.members.length === 0, { what: "both members gone", timeoutMs: 60_000, intervalMs: 1000 });
    const history: ClusterSnapshot[] = [];
    for (let i = 0; i < 5; i++) {
      history.push(await snap());
      await new Promise((r) => setTimeout(r, 1500));
    }
    const g = history[history.length - 1]!.groups.find((x) => x.groupId === group)!;
    expect(g.state).toBe("Empty");
    expect(g.protocol).toBe(protocol);
    const signals = computeSignals(history);
    const gs = signals.groups.find((x) => x.groupId === group)!;
    expect(gs.totalLag).toBeGreaterThan(0);
    expect(gs.status).toBe("stopped");
    const d = diagnose(signals, { scope: { kind: "group", name: group } });
    expect(d.causes[0]?.id, JSON.stringify(d.causes)).toBe("consumer.stopped");
    // Lag is the high watermark minus the committed offset, partition by partition.
    const last = history[history.length - 1]!;
    for (const p of gs.partitions) {
      const hwm = last.topics[0]!.partitions.find((x) => x.partition === p.partition)!.logEndOffset!;
      expect(p.lag).toBe(hwm - p.committedOffset!);
    }
  });

  it("members joining and leaving over and over: a rebalance storm", async () => {
    seen.add(stormGroup);
    const history: ClusterSnapshot[] = [];
    const memberCount = (s: ClusterSnapshot) => s.groups.find((x) => x.groupId === stormGroup)?.members.length ?? 0;
    members.joinGroup("s0", stormGroup);
    history.push(await waitFor(snap, (s) => memberCount(s) === 1, { what: "the storm group's first member", timeoutMs: 60_000, intervalMs: 500 }));
    for (let round = 1; round <= 3; round++) {
      members.joinGroup(`s${round}`, stormGroup);
      history.push(await waitFor(snap, (s) => memberCount(s) === 2, { what: `member s${round} in`, timeoutMs: 60_000, intervalMs: 500 }));
      members.leave(`s${round}`);
      history.push(await waitFor(snap, (s) => memberCount(s) === 1, { what: `member s${round} out`, timeoutMs: 60_000, intervalMs: 500 }));
    }
    const signals = computeSignals(history);
    const gs = signals.groups.find((x) => x.groupId === stormGroup)!;
    expect(gs.churn.memberSetChanges).toBeGreaterThanOrEqual(6);
    expect(gs.churn.membersJoined).toBeGreaterThanOrEqual(3);
    expect(gs.churn.membersLeft).toBeGreaterThanOrEqual(3);
    if (protocol === "consumer") expect(gs.churn.epochBumps).toBeGreaterThanOrEqual(6);
    const d = diagnose(signals, { scope: { kind: "group", name: stormGroup } });
    expect(d.causes[0]?.id, JSON.stringify(d.causes)).toBe("consumer.rebalance-storm");
    members.leave("s0");
  });
});
