import "server-only";
import type { GroupSnapshot, TopicSnapshot } from "@/lib/domain/evidence/types";
import type { ConfigFact, ResetFacts } from "@/lib/domain/mitigation/actions";
import { AppError } from "@/lib/server/http/errors";
import type { KafkaGateway } from "@/lib/server/kafka/gateway";

/**
 * The reads the guarded actions need, built on the gateway's public methods only: one topic's
 * partitions, one group's committed offsets and members, a topic's configs and its overrides.
 */

export async function readTopic(gateway: KafkaGateway, topic: string): Promise<TopicSnapshot> {
  const snap = await gateway.collectSnapshot({ topics: [topic], skipGroups: true });
  const t = snap.topics.find((x) => x.name === topic);
  if (!t) throw new AppError("NOT_FOUND", `topic "${topic}" does not exist on the cluster`);
  return t;
}

export async function readGroup(gateway: KafkaGateway, groupId: string): Promise<GroupSnapshot> {
  const [g] = await gateway.describeGroups([groupId]);
  if (!g) throw new AppError("NOT_FOUND", `group "${groupId}" was not described by Kafka`);
  return g;
}

/** Committed offsets of one group on one topic, partition → offset (null: none committed). */
export async function readCommittedOffsets(gateway: KafkaGateway, groupId: string, topic: string): Promise<Record<number, number | null>> {
  const g = await readGroup(gateway, groupId);
  const out: Record<number, number | null> = {};
  for (const o of g.offsets) if (o.topic === topic) out[o.partition] = o.committedOffset;
  return out;
}

/** A group is "active" when it has members or is not in a state where Kafka accepts admin commits. */
export function activeMembersOf(g: GroupSnapshot): number {
  if (g.members.length > 0) return g.members.length;
  return ["Empty", "Dead", "Unknown"].includes(g.state) ? 0 : 1;
}

export async function readResetFacts(gateway: KafkaGateway, groupId: string, topic: string, timestampMs?: number): Promise<{ facts: ResetFacts; group: GroupSnapshot }> {
  const [t, g] = await Promise.all([readTopic(gateway, topic), readGroup(gateway, groupId)]);
  const committed = new Map(g.offsets.filter((o) => o.topic === topic).map((o) => [o.partition, o.committedOffset]));
  const facts: ResetFacts = {
    partitions: t.partitions.map((p) => ({ partition: p.partition, logStartOffset: p.logStartOffset, logEndOffset: p.logEndOffset, committedOffset: committed.get(p.partition) ?? null })),
    activeMembers: activeMembersOf(g),
    groupState: g.state,
  };
  if (timestampMs !== undefined) {
    const hits = await gateway.fetchOffsetsByTimestamp({ [topic]: t.partitions.map((p) => p.partition) }, timestampMs);
    facts.offsetsAtTime = Object.fromEntries((hits[topic] ?? []).map((h) => [h.partition, h.offset]));
  }
  return { facts, group: g };
}

export async function readConfigs(gateway: KafkaGateway, topic: string): Promise<ConfigFact[]> {
  return (await gateway.describeTopicConfigs(topic)).map((c) => ({ name: c.name, value: c.value, source: c.source }));
}

/** The topic's dynamic overrides (the set Kafka's AlterConfigs would replace). */
export async function readOverrides(gateway: KafkaGateway, topic: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const c of await gateway.describeTopicConfigs(topic)) if (c.source === "DYNAMIC_TOPIC_CONFIG" && c.value !== null) out[c.name] = c.value;
  return out;
}
